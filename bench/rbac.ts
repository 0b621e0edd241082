/**
 * Local cluster RBAC: cost of one authorization decision as the number of
 * bindings grows (issue 15: "index bindings by subject, don't re-scan all
 * objects per request").
 *
 * For 10, 1,000 and 10,000 RoleBindings of other users (spread over 100
 * namespaces) plus one binding for the asking user, times `authorize()` over
 * BENCH_DECISIONS decisions (allowed and denied alternating) and compares it
 * with the straightforward evaluation it avoids: listing every binding and
 * role from the store per request. Goal: ≤ 20 µs per decision at any size,
 * and flat (10,000 bindings within 2× of 10).
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs bench/rbac.ts
 *   (BENCH_DECISIONS=20000)
 */
import { findResource } from '../packages/local-cluster/src/resources';
import { ClusterApi } from '../packages/local-cluster/src/server/api';
import { ObjectStore } from '../packages/local-cluster/src/store/ObjectStore';
import { AccessControl } from '../packages/local-cluster/src/rbac';
import { ruleAllows } from '../packages/local-cluster/src/rbac/rules';
import { Attributes, UserInfo } from '../packages/local-cluster/src/rbac/types';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 20000);
const RBAC = 'rbac.authorization.k8s.io';
const T = {
  ns: findResource('', 'v1', 'namespaces')!,
  rb: findResource(RBAC, 'v1', 'rolebindings')!,
  roles: findResource(RBAC, 'v1', 'roles')!,
  cr: findResource(RBAC, 'v1', 'clusterroles')!,
  crb: findResource(RBAC, 'v1', 'clusterrolebindings')!,
};

function setup(bindings: number) {
  const store = new ObjectStore();
  const api = new ClusterApi(store);
  const access = new AccessControl(store, 'admin-token-0000');
  access.bootstrap(api);
  for (let n = 0; n < 100; n++)
    api.create(T.ns, undefined, { metadata: { name: `team-${n}` } });
  for (let i = 0; i < bindings; i++) {
    api.create(T.rb, `team-${i % 100}`, {
      metadata: { name: `user-${i}` },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', name: `user-${i}` }],
    });
  }
  api.create(T.rb, 'team-7', {
    metadata: { name: 'asker' },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'asker' }],
  });
  return { store, access };
}

const user: UserInfo = { name: 'asker', groups: ['system:authenticated'] };
const attrs = (i: number): Attributes => ({
  kind: 'resource',
  verb: i % 2 ? 'list' : 'delete',
  apiGroup: '',
  resource: 'pods',
  namespace: 'team-7',
});

/** What the index replaces: every binding and role read from the store on every request. */
function naive(store: ObjectStore, u: UserInfo, a: Attributes): boolean {
  const matches = (s: any) =>
    (s.kind === 'User' && s.name === u.name) ||
    (s.kind === 'Group' && u.groups.includes(s.name));
  const rulesOf = (ref: any, ns?: string) =>
    ((ref.kind === 'Role'
      ? store.get(T.roles, ns, ref.name)
      : store.get(T.cr, undefined, ref.name)
    )?.rules ?? []) as any[];
  for (const b of store.list(T.crb))
    if (
      (b.subjects ?? []).some(matches) &&
      rulesOf(b.roleRef).some(r => ruleAllows(r, a))
    )
      return true;
  const ns = a.kind === 'resource' ? a.namespace : undefined;
  for (const b of ns ? store.list(T.rb, ns) : [])
    if (
      (b.subjects ?? []).some(matches) &&
      rulesOf(b.roleRef, ns).some(r => ruleAllows(r, a))
    )
      return true;
  return false;
}

function time(fn: (i: number) => boolean, n: number): number {
  for (let i = 0; i < Math.min(n, 5000); i++) fn(i); // warm-up (JIT)
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const rows: Array<[number, number, number]> = [];
for (const size of [10, 1000, 10000]) {
  const { store, access } = setup(size);
  for (let i = 0; i < 4; i++) {
    const expected = i % 2 === 1;
    if (access.authorizer.authorize(user, attrs(i)).allowed !== expected)
      throw new Error('index disagrees with the expected decision');
    if (naive(store, user, attrs(i)) !== expected)
      throw new Error('naive evaluation disagrees with the expected decision');
  }
  const indexed = time(
    i => access.authorizer.authorize(user, attrs(i), false).allowed,
    DECISIONS,
  );
  const scanned = time(
    i => naive(store, user, attrs(i)),
    Math.max(50, DECISIONS / size),
  );
  rows.push([size, indexed, scanned]);
  console.log(
    `${String(size).padStart(6)} bindings: indexed ${indexed.toFixed(
      2,
    )} µs/decision, ` +
      `scan ${scanned.toFixed(1)} µs/decision (${(scanned / indexed).toFixed(
        0,
      )}× slower)`,
  );
}
const flat = rows[2][1] / rows[0][1];
console.log(
  `goal ≤ 20 µs/decision: worst ${Math.max(...rows.map(r => r[1])).toFixed(
    2,
  )} µs ` +
    `(${(Math.max(...rows.map(r => r[1])) / 20).toFixed(2)} of the goal); ` +
    `10,000 vs 10 bindings: ${flat.toFixed(2)}× (goal ≤ 2×)`,
);
