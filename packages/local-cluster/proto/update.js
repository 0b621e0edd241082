#!/usr/bin/env node
/*
 * Re-vendors the upstream Kubernetes .proto files and regenerates
 * go-fields.json from the Go types of the same tag.
 *
 *   node proto/update.js <k8s.io/api git dir> <k8s.io/apimachinery git dir> [tag]
 *
 * Why go-fields.json: generated.proto names the wire fields, but the JSON a
 * Go client would have sent for the same object also depends on the Go
 * struct: embedded structs are inlined into their parent (`json:",inline"`),
 * non-pointer scalars are always on the protobuf wire even when zero and are
 * dropped from JSON only when tagged `omitempty`, and pointer scalars keep
 * their zero (`replicas: 0`). Only fields that differ from the common case
 * (non-pointer, omitempty, JSON name = proto name) are listed:
 *   "i" inline, "p" pointer, "k" keep zero (no omitempty), "j:<name>" JSON name.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [apiGit, machineryGit, tag = 'v0.32.4'] = process.argv.slice(2);
if (!apiGit || !machineryGit) {
  console.error('usage: update.js <api git dir> <apimachinery git dir> [tag]');
  process.exit(2);
}

const API_GROUPS = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'policy/v1',
  'networking/v1',
  'rbac/v1',
  'events/v1',
  'authorization/v1',
  'authentication/v1',
  'discovery/v1',
];
const MACHINERY = [
  'pkg/api/resource',
  'pkg/apis/meta/v1',
  'pkg/runtime',
  'pkg/runtime/schema',
  'pkg/util/intstr',
];

const git = (dir, ...args) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

const sources = [
  ...API_GROUPS.map(d => ({ git: apiGit, dir: d, repo: 'k8s.io/api' })),
  ...MACHINERY.map(d => ({
    git: machineryGit,
    dir: d,
    repo: 'k8s.io/apimachinery',
  })),
];

const fields = {};
// Go slice types sent as a message with one `items` field (metav1.Verbs,
// authorization's ExtraValue): their JSON is the bare array.
const stringLists = [];
for (const src of sources) {
  const out = path.join(__dirname, src.repo, src.dir, 'generated.proto');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    git(src.git, 'show', `${tag}:${src.dir}/generated.proto`),
  );
  const pkg = `${src.repo}/${src.dir}`.replace(/\//g, '.');
  const goFiles = git(src.git, 'ls-tree', '--name-only', tag, `${src.dir}/`)
    .split('\n')
    .filter(f => f.endsWith('.go') && !f.endsWith('_test.go'));
  for (const f of goFiles) parseGo(git(src.git, 'show', `${tag}:${f}`), pkg);
}
fs.writeFileSync(
  path.join(__dirname, 'LICENSE'),
  git(apiGit, 'show', `${tag}:LICENSE`),
);
const sorted = Object.fromEntries(
  Object.keys(fields)
    .sort()
    .map(k => [k, fields[k]]),
);
fs.writeFileSync(
  path.join(__dirname, 'go-fields.json'),
  `${JSON.stringify(
    {
      tag,
      api: git(apiGit, 'rev-parse', `${tag}^{commit}`).trim(),
      apimachinery: git(machineryGit, 'rev-parse', `${tag}^{commit}`).trim(),
      stringLists: stringLists.sort(),
      messages: sorted,
    },
    null,
    1,
  )}\n`,
);

function parseGo(text, pkg) {
  let struct;
  for (const line of text.split('\n')) {
    const list = /^type (\w+) \[\]string$/.exec(line);
    if (list) stringLists.push(`${pkg}.${list[1]}`);
    const start = /^type (\w+) struct \{/.exec(line);
    if (start) {
      struct = start[1];
      continue;
    }
    if (!struct) continue;
    if (/^\}/.test(line)) {
      struct = undefined;
      continue;
    }
    if (/^\s*\/\//.test(line)) continue;
    const named = /^\s+(\w+)\s+([^\s`]+)\s+`([^`]*)`/.exec(line);
    const embedded = /^\s+(\*?[\w.]+)\s+`([^`]*)`/.exec(line);
    let goType;
    let tags;
    if (named) [, , goType, tags] = named;
    else if (embedded) [, goType, tags] = embedded;
    else continue;
    const pb = /protobuf:"([^"]*)"/.exec(tags);
    if (!pb) continue;
    const json = /json:"([^"]*)"/.exec(tags)?.[1] ?? '';
    const [jsonName, ...jsonOpts] = json.split(',');
    let protoName = pb[1]
      .split(',')
      .find(p => p.startsWith('name='))
      ?.slice(5);
    if (!protoName) {
      const base = goType.replace(/^\*/, '').split('.').pop();
      protoName = base[0].toLowerCase() + base.slice(1);
    }
    let code = '';
    if (jsonOpts.includes('inline') && !jsonName) code = 'i';
    else if (jsonName === '-') continue;
    else if (goType.startsWith('*')) code = 'p';
    else if (!jsonOpts.includes('omitempty')) code = 'k';
    if (jsonName && jsonName !== protoName) code += `j:${jsonName}`;
    if (!code) continue;
    const key = `${pkg}.${struct}`;
    (fields[key] ??= {})[protoName] = code;
  }
}
