/**
 * fieldValidation=Strict (kubectl's default) for the levels we know without a
 * full schema: top-level fields per kind and ObjectMeta. Deeper typos are
 * accepted silently — a documented gap of this stand-in.
 */
import { ResourceType } from '../resources';
import { isPlainObject } from '../store/util';
import { errors } from './errors';

const COMMON = ['apiVersion', 'kind', 'metadata'];
const TOP_LEVEL: Record<string, string[]> = {
  ConfigMap: ['data', 'binaryData', 'immutable'],
  Secret: ['data', 'stringData', 'type', 'immutable'],
  ServiceAccount: [
    'secrets',
    'imagePullSecrets',
    'automountServiceAccountToken',
  ],
  Role: ['rules'],
  ClusterRole: ['rules', 'aggregationRule'],
  RoleBinding: ['roleRef', 'subjects'],
  ClusterRoleBinding: ['roleRef', 'subjects'],
  Event: [
    'involvedObject',
    'reason',
    'message',
    'source',
    'firstTimestamp',
    'lastTimestamp',
    'count',
    'type',
    'eventTime',
    'series',
    'action',
    'related',
    'reportingComponent',
    'reportingInstance',
  ],
};
const META = [
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

export function unknownFields(rt: ResourceType, body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  const allowed = [...COMMON, ...(TOP_LEVEL[rt.kind] ?? ['spec', 'status'])];
  const unknown = Object.keys(body).filter(k => !allowed.includes(k));
  if (isPlainObject(body.metadata)) {
    unknown.push(
      ...Object.keys(body.metadata)
        .filter(k => !META.includes(k))
        .map(k => `metadata.${k}`),
    );
  }
  return unknown;
}

/** Throws the real server's strict decoding error, or returns warnings for fieldValidation=Warn. */
export function checkFieldValidation(
  rt: ResourceType,
  body: unknown,
  directive: string | null,
): string[] {
  if (directive !== 'Strict' && directive !== 'Warn') return [];
  const unknown = unknownFields(rt, body);
  if (!unknown.length) return [];
  const messages = unknown.map(f => `unknown field "${f}"`);
  if (directive === 'Strict') {
    throw errors.badRequest(`strict decoding error: ${messages.join(', ')}`);
  }
  return messages;
}
