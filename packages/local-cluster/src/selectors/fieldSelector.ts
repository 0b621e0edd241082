/**
 * Field selectors: only `=`, `==` and `!=` exist, and each resource supports a
 * fixed set of fields. Unknown fields are a 400 on the real server, so they
 * are here too rather than silently matching nothing.
 */
export interface FieldRequirement {
  path: string;
  negated: boolean;
  value: string;
}

export class FieldSelectorParseError extends Error {}

const COMMON = ['metadata.name', 'metadata.namespace'];

const PER_RESOURCE: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  namespaces: ['status.phase'],
  nodes: ['spec.unschedulable'],
  replicasets: ['status.replicas'],
  jobs: ['status.successful'],
};

export function parseFieldSelector(
  input: string,
  resource: string,
): FieldRequirement[] {
  const allowed = [...COMMON, ...(PER_RESOURCE[resource] ?? [])];
  const reqs: FieldRequirement[] = [];
  if (!input.trim()) return reqs;
  for (const raw of input.split(',')) {
    const part = raw.trim();
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) {
      throw new FieldSelectorParseError(
        `invalid selector: '${input}'; can't understand '${part}'`,
      );
    }
    const [, path, op, value] = m;
    if (!allowed.includes(path)) {
      throw new FieldSelectorParseError(`field label not supported: ${path}`);
    }
    reqs.push({ path, negated: op === '!=', value });
  }
  return reqs;
}

function lookup(obj: unknown, path: string): string {
  if (path === 'source') {
    const src = (obj as { source?: { component?: string } }).source;
    return src?.component ?? '';
  }
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: unknown): boolean {
  return reqs.every(r => {
    const actual = lookup(obj, r.path);
    return r.negated ? actual !== r.value : actual === r.value;
  });
}
