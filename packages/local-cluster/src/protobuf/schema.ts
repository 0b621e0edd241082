/**
 * The vendored upstream generated.proto files (see proto/README.md), loaded
 * once with protobufjs, plus the Go struct facts from go-fields.json that the
 * .proto files do not carry (inlined embeds, pointers, omitempty).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Root, Type } from 'protobufjs';

// The .proto files ship next to src/ in this package; there is no build step.
// eslint-disable-next-line no-restricted-syntax
export const PROTO_DIR = path.resolve(__dirname, '../../proto');

const PROTO_FILES = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/apps/v1/generated.proto',
  'k8s.io/api/batch/v1/generated.proto',
  'k8s.io/api/autoscaling/v1/generated.proto',
  'k8s.io/api/autoscaling/v2/generated.proto',
  'k8s.io/api/policy/v1/generated.proto',
  'k8s.io/api/networking/v1/generated.proto',
  'k8s.io/api/rbac/v1/generated.proto',
  'k8s.io/api/events/v1/generated.proto',
  'k8s.io/api/authorization/v1/generated.proto',
  'k8s.io/api/authentication/v1/generated.proto',
  'k8s.io/api/discovery/v1/generated.proto',
];

/**
 * Per message: proto field name → code. "i" the Go field is an inlined
 * embed, "p" a pointer (its zero is meaningful), "k" a non-omitempty field
 * (Go's JSON keeps its zero), "j:<name>" its JSON name differs.
 */
export type GoFieldCodes = Record<string, string>;

interface Loaded {
  root: Root;
  goFields: Record<string, GoFieldCodes>;
  stringLists: Set<string>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const root = new Root();
  // Imports are written as Go import paths ("k8s.io/apimachinery/..."), which
  // is exactly how the vendored tree is laid out.
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync(PROTO_FILES, { keepCase: true });
  root.resolveAll();
  const facts = JSON.parse(
    readFileSync(path.join(PROTO_DIR, 'go-fields.json'), 'utf8'),
  );
  loaded = {
    root,
    goFields: facts.messages,
    stringLists: new Set(facts.stringLists),
  };
  return loaded;
}

/** The message type with this fully qualified name (no leading dot), if vendored. */
export function lookupType(fullName: string): Type | undefined {
  const found = load().root.lookup(fullName);
  return found instanceof Type ? found : undefined;
}

export function mustLookupType(fullName: string): Type {
  const t = lookupType(fullName);
  if (!t) throw new Error(`protobuf message ${fullName} is not vendored`);
  return t;
}

/** Fully qualified name of a resolved type, without protobufjs' leading dot. */
export function typeName(type: Type): string {
  return type.fullName.replace(/^\./, '');
}

/** Whether the message stands for a Go `[]string` type (JSON: a bare array). */
export function isStringList(type: Type): boolean {
  return load().stringLists.has(typeName(type));
}

export function goFieldCodes(type: Type): GoFieldCodes {
  return load().goFields[typeName(type)] ?? {};
}

/** JSON name and flags of one proto field, from the Go struct tags. */
export function goField(codes: GoFieldCodes, protoName: string) {
  const code = codes[protoName] ?? '';
  const j = /j:(\w+)/.exec(code);
  return {
    jsonName: j ? j[1] : protoName,
    inline: code.startsWith('i'),
    keepZero: code.startsWith('p') || code.startsWith('k'),
  };
}
