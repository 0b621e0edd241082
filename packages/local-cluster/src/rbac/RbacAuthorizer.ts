/**
 * RBAC evaluated on every request, from an index rebuilt only when an RBAC
 * object changes: bindings by subject (user, group, service account), role
 * rules by name, aggregated ClusterRoles resolved. A request looks up the
 * handful of bindings naming its user and groups; it never scans objects.
 */
import { findResource } from '../resources';
import {
  LabelSelector,
  fromLabelSelectorObject,
  matchesLabels,
} from '../selectors/labelSelector';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { ruleAllows } from './rules';
import {
  Attributes,
  Decision,
  PolicyRule,
  UserInfo,
  parseServiceAccountName,
} from './types';

const RBAC = 'rbac.authorization.k8s.io';
const T = {
  roles: findResource(RBAC, 'v1', 'roles')!,
  roleBindings: findResource(RBAC, 'v1', 'rolebindings')!,
  clusterRoles: findResource(RBAC, 'v1', 'clusterroles')!,
  clusterRoleBindings: findResource(RBAC, 'v1', 'clusterrolebindings')!,
};

interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleKind: string;
  roleName: string;
  subject: string;
}

/** `User:alice`, `Group:devs`, `ServiceAccount:ns/name`: how bindings are keyed. */
function subjectKeys(user: UserInfo): string[] {
  const keys = [`User:${user.name}`, ...user.groups.map(g => `Group:${g}`)];
  const sa = parseServiceAccountName(user.name);
  if (sa) keys.push(`ServiceAccount:${sa[0]}/${sa[1]}`);
  return keys;
}

function subjectKey(s: any, bindingNamespace?: string): string | undefined {
  if (!s || typeof s.name !== 'string') return undefined;
  if (s.kind === 'ServiceAccount')
    return `ServiceAccount:${s.namespace || bindingNamespace}/${s.name}`;
  if (s.kind === 'User' || s.kind === 'Group') return `${s.kind}:${s.name}`;
  return undefined;
}

function rulesOf(obj: KubeObject): PolicyRule[] {
  return Array.isArray(obj.rules) ? obj.rules : [];
}

export class RbacAuthorizer {
  private dirty = true;
  private clusterRoleRules = new Map<string, PolicyRule[]>();
  private roleRules = new Map<string, PolicyRule[]>();
  private clusterBindings = new Map<string, Binding[]>();
  /** subject key → namespace → RoleBindings. */
  private roleBindings = new Map<string, Map<string, Binding[]>>();
  /** Aggregated ClusterRoles whose stored rules differ from what they aggregate. */
  private staleAggregates = new Map<string, PolicyRule[]>();
  /** How many times the index was rebuilt (for tests: requests alone never rebuild it). */
  rebuilds = 0;

  constructor(private readonly store: ObjectStore) {
    store.subscribe(e => {
      if (e.typeKey.startsWith(`${RBAC}/`)) this.dirty = true;
    });
  }

  private index() {
    if (!this.dirty) return;
    this.dirty = false;
    this.rebuilds++;
    const clusterRoles = this.store.list(T.clusterRoles);
    this.clusterRoleRules = new Map(
      clusterRoles.map(cr => [cr.metadata.name!, rulesOf(cr)]),
    );
    // Aggregation: a ClusterRole with an aggregationRule holds the union of the
    // rules of every ClusterRole its selectors match (one level, as the controller
    // converges to; edit → admin works because edit's own rules are aggregated first).
    this.staleAggregates = new Map();
    const aggregated = clusterRoles.filter(cr => cr.aggregationRule);
    const resolve = (cr: KubeObject, seen: Set<string>): PolicyRule[] => {
      const selectors: LabelSelector[] = (
        cr.aggregationRule?.clusterRoleSelectors ?? []
      ).map((s: any) => fromLabelSelectorObject(s));
      const rules: PolicyRule[] = [];
      for (const other of clusterRoles) {
        const name = other.metadata.name!;
        if (seen.has(name)) continue;
        if (
          !selectors.some(
            s => s.length && matchesLabels(s, other.metadata.labels),
          )
        )
          continue;
        const own = other.aggregationRule
          ? resolve(other, new Set([...seen, name]))
          : rulesOf(other);
        for (const rule of own)
          if (!rules.some(x => JSON.stringify(x) === JSON.stringify(rule)))
            rules.push(rule);
      }
      return rules;
    };
    for (const cr of aggregated) {
      const rules = resolve(cr, new Set([cr.metadata.name!]));
      this.clusterRoleRules.set(cr.metadata.name!, rules);
      if (JSON.stringify(rules) !== JSON.stringify(rulesOf(cr)))
        this.staleAggregates.set(cr.metadata.name!, rules);
    }
    this.roleRules = new Map(
      this.store
        .list(T.roles)
        .map(r => [`${r.metadata.namespace}/${r.metadata.name}`, rulesOf(r)]),
    );
    this.clusterBindings = new Map();
    for (const b of this.store.list(T.clusterRoleBindings)) {
      for (const s of b.subjects ?? []) {
        const key = subjectKey(s);
        if (!key) continue;
        const list = this.clusterBindings.get(key) ?? [];
        list.push({
          kind: 'ClusterRoleBinding',
          name: b.metadata.name!,
          roleKind: b.roleRef?.kind,
          roleName: b.roleRef?.name,
          subject: key,
        });
        this.clusterBindings.set(key, list);
      }
    }
    this.roleBindings = new Map();
    for (const b of this.store.list(T.roleBindings)) {
      const ns = b.metadata.namespace!;
      for (const s of b.subjects ?? []) {
        const key = subjectKey(s, ns);
        if (!key) continue;
        const byNs = this.roleBindings.get(key) ?? new Map();
        const list = byNs.get(ns) ?? [];
        list.push({
          kind: 'RoleBinding',
          name: b.metadata.name!,
          namespace: ns,
          roleKind: b.roleRef?.kind,
          roleName: b.roleRef?.name,
          subject: key,
        });
        byNs.set(ns, list);
        this.roleBindings.set(key, byNs);
      }
    }
  }

  /**
   * The aggregated ClusterRoles whose stored `rules` lag behind their
   * selectors, with the rules they should hold (the aggregation controller
   * writes them back so `kubectl get clusterrole view -o yaml` shows them).
   */
  pendingAggregations(): Map<string, PolicyRule[]> {
    this.index();
    return this.staleAggregates;
  }

  private rulesFor(b: Binding): PolicyRule[] {
    if (b.roleKind === 'ClusterRole')
      return this.clusterRoleRules.get(b.roleName) ?? [];
    if (b.roleKind === 'Role' && b.kind === 'RoleBinding')
      return this.roleRules.get(`${b.namespace}/${b.roleName}`) ?? [];
    return [];
  }

  /** The bindings that apply to a user for a namespace (cluster-wide ones first). */
  private bindingsFor(user: UserInfo, namespace?: string): Binding[] {
    this.index();
    const out: Binding[] = [];
    for (const key of subjectKeys(user)) {
      out.push(...(this.clusterBindings.get(key) ?? []));
      if (namespace)
        out.push(...(this.roleBindings.get(key)?.get(namespace) ?? []));
    }
    return out;
  }

  /** The decision; its reason (for reviews) is only spelled out when asked for. */
  authorize(user: UserInfo, a: Attributes, withReason = true): Decision {
    const ns = a.kind === 'resource' ? a.namespace : undefined;
    for (const b of this.bindingsFor(user, ns)) {
      if (this.rulesFor(b).some(rule => ruleAllows(rule, a))) {
        if (!withReason) return { allowed: true, reason: '' };
        const where = b.namespace ? ` in ${JSON.stringify(b.namespace)}` : '';
        const [subjectKind, subjectName] = b.subject.split(/:(.*)/s);
        return {
          allowed: true,
          reason: `RBAC: allowed by ${b.kind} ${JSON.stringify(b.name)} of ${
            b.roleKind
          } ${JSON.stringify(b.roleName)} to ${subjectKind} ${JSON.stringify(
            subjectName,
          )}${where}`,
        };
      }
    }
    return { allowed: false, reason: '' };
  }

  /** Every rule a user holds in a namespace (SelfSubjectRulesReview). */
  rules(user: UserInfo, namespace?: string): PolicyRule[] {
    const out: PolicyRule[] = [];
    for (const b of this.bindingsFor(user, namespace))
      out.push(...this.rulesFor(b));
    return out;
  }
}
