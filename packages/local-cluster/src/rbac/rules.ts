/**
 * Policy rule matching exactly as k8s.io/kubernetes/pkg/apis/rbac/v1
 * (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
 * NonResourceURLMatches), and the real Forbidden message.
 */
import { ApiError } from '../server/errors';
import { Attributes, PolicyRule } from './types';

const has = (list: string[] | undefined, v: string) =>
  !!list && (list.includes('*') || list.includes(v));

function resourceMatches(
  rule: PolicyRule,
  resource: string,
  subresource: string | undefined,
): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    // `*/scale` grants the scale subresource of every resource.
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.kind === 'nonResource') return nonResourceUrlMatches(rule, a.path);
  if (!has(rule.apiGroups, a.apiGroup)) return false;
  if (!resourceMatches(rule, a.resource, a.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

/** The 403 the real API server answers (apiserver responsewriters.Forbidden). */
export function forbidden(user: string, a: Attributes): ApiError {
  let msg: string;
  if (a.kind === 'nonResource') {
    msg = `User ${JSON.stringify(user)} cannot ${a.verb} path ${JSON.stringify(
      a.path,
    )}`;
  } else {
    const resource = a.subresource
      ? `${a.resource}/${a.subresource}`
      : a.resource;
    const where = a.namespace
      ? `in the namespace ${JSON.stringify(a.namespace)}`
      : 'at the cluster scope';
    msg = `User ${JSON.stringify(user)} cannot ${
      a.verb
    } resource ${JSON.stringify(resource)} in API group ${JSON.stringify(
      a.apiGroup,
    )} ${where}`;
  }
  let message: string;
  const details: Record<string, string> = {};
  if (a.kind === 'nonResource' || !a.resource) {
    message = `forbidden: ${msg}`;
  } else {
    const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
    message = a.name
      ? `${qualified} ${JSON.stringify(a.name)} is forbidden: ${msg}`
      : `${qualified} is forbidden: ${msg}`;
    if (a.name) details.name = a.name;
    if (a.apiGroup) details.group = a.apiGroup;
    details.kind = a.resource;
  }
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details,
    code: 403,
  });
}
