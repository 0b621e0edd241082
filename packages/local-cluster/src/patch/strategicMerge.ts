/**
 * Strategic merge patch, as sent by `kubectl apply`, `kubectl set image` and
 * `kubectl edit`. Lists that Kubernetes marks with patchStrategy=merge are
 * merged element-wise by their patchMergeKey instead of being replaced; the
 * keys below are the ones from the core/apps/batch Go types that matter for
 * workloads. Directives ($patch, $setElementOrder, $deleteFromPrimitiveList,
 * $retainKeys) are honoured so patches computed by kubectl apply round-trip.
 */
import { isPlainObject } from '../store/util';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** Merge key for a list field, or undefined if the list is atomic (replaced). */
function mergeKeyFor(path: string[], field: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      // Container ports merge on containerPort, Service ports on port.
      return path.some(p => CONTAINER_LISTS.includes(p))
        ? 'containerPort'
        : 'port';
    default:
      return undefined;
  }
}

/** Primitive lists with patchStrategy=merge: union semantics. */
const PRIMITIVE_MERGE_LISTS = new Set(['finalizers']);

const DIRECTIVE_PREFIXES = ['$setElementOrder/', '$deleteFromPrimitiveList/'];

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (DIRECTIVE_PREFIXES.some(p => k.startsWith(p))) continue;
    if (val === null) continue;
    out[k] = stripDirectives(val);
  }
  return out;
}

export function applyStrategicMergePatch(
  original: unknown,
  patch: unknown,
): unknown {
  return mergeValue(original, patch, []);
}

function mergeValue(
  original: unknown,
  patch: unknown,
  path: string[],
): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const result: Record<string, any> = isPlainObject(original)
    ? structuredClone(original)
    : {};

  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (DIRECTIVE_PREFIXES.some(p => key.startsWith(p))) continue;
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(result[key], value, [...path, key], key);
    } else if (isPlainObject(value)) {
      if (value.$patch === 'delete') delete result[key];
      else result[key] = mergeValue(result[key], value, [...path, key]);
    } else {
      result[key] = value;
    }
  }

  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/') && Array.isArray(value)) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(result[field])) {
        result[field] = result[field].filter(
          (x: unknown) => !value.includes(x),
        );
      }
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') && Array.isArray(value)) {
      const field = key.slice('$setElementOrder/'.length);
      if (Array.isArray(result[field])) {
        result[field] = reorder(result[field], value, mergeKeyFor(path, field));
      }
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set<string>(patch.$retainKeys as string[]);
    for (const k of Object.keys(result)) if (!keep.has(k)) delete result[k];
  }
  return result;
}

function mergeList(
  original: unknown,
  patch: unknown[],
  path: string[],
  field: string,
): unknown[] {
  const mergeKey = mergeKeyFor(path.slice(0, -1), field);
  if (PRIMITIVE_MERGE_LISTS.has(field)) {
    const base = Array.isArray(original) ? [...original] : [];
    for (const v of patch) if (!base.includes(v)) base.push(v);
    return base;
  }
  if (!mergeKey || !patch.every(p => isPlainObject(p))) {
    return stripDirectives(
      patch.filter(p => !(isPlainObject(p) && p.$patch)),
    ) as unknown[];
  }
  if (patch.some(p => isPlainObject(p) && p.$patch === 'replace')) {
    return stripDirectives(
      patch.filter(p => !(isPlainObject(p) && p.$patch === 'replace')),
    ) as unknown[];
  }
  const result: any[] = Array.isArray(original)
    ? structuredClone(original)
    : [];
  const itemPath = [...path, '[]'];
  for (const item of patch as Array<Record<string, any>>) {
    const keyValue = item[mergeKey];
    const idx = result.findIndex(
      r => isPlainObject(r) && r[mergeKey] === keyValue,
    );
    if (item.$patch === 'delete') {
      if (idx >= 0) result.splice(idx, 1);
      continue;
    }
    if (idx >= 0) result[idx] = mergeValue(result[idx], item, itemPath);
    else result.push(stripDirectives(item));
  }
  return result;
}

function reorder(
  items: any[],
  order: unknown[],
  mergeKey: string | undefined,
): any[] {
  const keyOf = (v: any) => (mergeKey && isPlainObject(v) ? v[mergeKey] : v);
  const orderKeys = order.map(o => keyOf(o));
  const indexed = items.map((v, i) => ({
    v,
    i,
    pos: orderKeys.indexOf(keyOf(v)),
  }));
  indexed.sort((a, b) => {
    const pa = a.pos < 0 ? Number.MAX_SAFE_INTEGER : a.pos;
    const pb = b.pos < 0 ? Number.MAX_SAFE_INTEGER : b.pos;
    return pa - pb || a.i - b.i;
  });
  return indexed.map(x => x.v);
}
