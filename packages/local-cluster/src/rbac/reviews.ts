/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview, SubjectAccessReview,
 * LocalSubjectAccessReview, SelfSubjectRulesReview and authentication.k8s.io/v1
 * SelfSubjectReview: questions to the authorizer (`kubectl auth can-i`,
 * `kubectl auth can-i --list`, `kubectl auth whoami`), answered with 201 and
 * never stored.
 */
import { ResourceType } from '../resources';
import { isPlainObject } from '../store/util';
import { ApiError, StatusCause, field } from '../server/errors';
import { RbacAuthorizer } from './RbacAuthorizer';
import { Attributes, PolicyRule, UserInfo } from './types';

function invalid(rt: ResourceType, causes: StatusCause[]): ApiError {
  const summary = causes.map(c => `${c.field}: ${c.message}`).join(', ');
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${rt.kind}.${rt.group} "" is invalid: ${
      causes.length > 1 ? `[${summary}]` : summary
    }`,
    reason: 'Invalid',
    details: { group: rt.group, kind: rt.kind, causes },
    code: 422,
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function attributesOf(rt: ResourceType, spec: Record<string, any>): Attributes {
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  if (isPlainObject(ra) === isPlainObject(nra)) {
    throw invalid(rt, [
      field.invalid(
        'spec.resourceAttributes',
        ra ?? null,
        'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ),
    ]);
  }
  if (isPlainObject(nra))
    return { kind: 'nonResource', verb: str(nra.verb), path: str(nra.path) };
  return {
    kind: 'resource',
    verb: str(ra.verb),
    apiGroup: str(ra.group),
    apiVersion: str(ra.version),
    resource: str(ra.resource),
    subresource: str(ra.subresource) || undefined,
    namespace: str(ra.namespace) || undefined,
    name: str(ra.name) || undefined,
  };
}

function toRulesStatus(rules: PolicyRule[]) {
  const resourceRules: Record<string, unknown>[] = [];
  const nonResourceRules: Record<string, unknown>[] = [];
  for (const r of rules) {
    if (r.nonResourceURLs?.length) {
      nonResourceRules.push({
        verbs: r.verbs,
        nonResourceURLs: r.nonResourceURLs,
      });
    }
    if (r.resources?.length) {
      const out: Record<string, unknown> = {
        verbs: r.verbs,
        apiGroups: r.apiGroups ?? [],
        resources: r.resources,
      };
      if (r.resourceNames?.length) out.resourceNames = r.resourceNames;
      resourceRules.push(out);
    }
  }
  return { resourceRules, nonResourceRules, incomplete: false };
}

/** The answer to a review POSTed by `user` (already impersonated, if asked). */
export function answerReview(
  authz: RbacAuthorizer,
  rt: ResourceType,
  namespace: string | undefined,
  body: unknown,
  user: UserInfo,
): Record<string, unknown> {
  const review = isPlainObject(body) ? body : {};
  const spec: Record<string, any> = isPlainObject(review.spec)
    ? review.spec
    : {};
  const head = {
    kind: rt.kind,
    apiVersion: `${rt.group}/${rt.version}`,
    metadata: {
      creationTimestamp: null,
      ...(namespace ? { namespace } : {}),
    },
  };
  switch (rt.kind) {
    case 'SelfSubjectReview':
      return {
        ...head,
        status: {
          userInfo: {
            username: user.name,
            ...(user.uid ? { uid: user.uid } : {}),
            groups: user.groups,
            ...(user.extra ? { extra: user.extra } : {}),
          },
        },
      };
    case 'SelfSubjectRulesReview':
      return {
        ...head,
        spec,
        status: toRulesStatus(
          authz.rules(user, str(spec.namespace) || undefined),
        ),
      };
    case 'SelfSubjectAccessReview': {
      const decision = authz.authorize(user, attributesOf(rt, spec));
      return { ...head, spec, status: statusOf(decision) };
    }
    default: {
      // SubjectAccessReview / LocalSubjectAccessReview: about someone else.
      const subject: UserInfo = {
        name: str(spec.user),
        groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [],
      };
      if (!subject.name && !subject.groups.length)
        throw invalid(rt, [
          field.invalid(
            'spec.user',
            '',
            'at least one of user or group must be specified',
          ),
        ]);
      const attrs = attributesOf(rt, spec);
      if (rt.kind === 'LocalSubjectAccessReview') {
        if (attrs.kind !== 'resource')
          throw invalid(rt, [
            field.invalid(
              'spec.nonResourceAttributes',
              spec.nonResourceAttributes,
              'disallowed on this kind of request',
            ),
          ]);
        if (attrs.namespace && attrs.namespace !== namespace)
          throw invalid(rt, [
            field.invalid(
              'spec.resourceAttributes.namespace',
              attrs.namespace,
              'must match metadata.namespace',
            ),
          ]);
        attrs.namespace = namespace;
      }
      return {
        ...head,
        spec,
        status: statusOf(authz.authorize(subject, attrs)),
      };
    }
  }
}

function statusOf(decision: { allowed: boolean; reason: string }) {
  return decision.reason
    ? { allowed: decision.allowed, reason: decision.reason }
    : { allowed: decision.allowed };
}
