import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RESOURCES } from './manifestGuardrails';

// The applier's ClusterRole in deploy/rbac must grant exactly the kinds the applier allows: a
// kind added to one list and not the other fails here rather than with a 403 in production.

const file = path.resolve(
  __dirname,
  '../../../../deploy/rbac/portal-applier.yaml',
);

describe('deploy/rbac/portal-applier.yaml', () => {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d =>
    d.toJS(),
  );
  const role = docs.find(
    d => d.kind === 'ClusterRole' && d.metadata.name === 'portal-applier',
  );

  it('grants the allowed kinds, and only them, with get, create and update', () => {
    const granted = role.rules.flatMap((r: any) => {
      expect(r.verbs.sort()).toEqual(['create', 'get', 'update']);
      return r.apiGroups.flatMap((g: string) =>
        r.resources.map((res: string) => `${g}/${res}`),
      );
    });
    const allowed = Object.entries(RESOURCES).map(([key, info]) => {
      const parts = key.split('/');
      const group = parts.length === 3 ? parts[0] : '';
      return `${group}/${info.plural}`;
    });
    expect(granted.sort()).toEqual(allowed.sort());
  });

  it('is bound per namespace, never cluster-wide', () => {
    const bindings = docs.filter(d => d.roleRef?.name === 'portal-applier');
    expect(bindings.map(b => b.kind)).toEqual(['RoleBinding']);
  });
});
