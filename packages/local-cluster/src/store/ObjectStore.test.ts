import { findResource } from '../resources';
import { ObjectStore } from './ObjectStore';

const configMaps = findResource('', 'v1', 'configmaps')!;
const namespaces = findResource('', 'v1', 'namespaces')!;

function storeWith(names: string[], namespace = 'default'): ObjectStore {
  const store = new ObjectStore();
  for (const name of names) {
    store.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace },
      data: { name },
    });
  }
  return store;
}

/** Reads every page the way a client does: from the last key of the page before. */
function readPaged(store: ObjectStore, limit: number): string[] {
  const names: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = store.listPage(configMaps, { after, limit });
    names.push(...page.items.map(o => o.metadata.name!));
    if (page.remaining === 0) return names;
    after = page.lastKey;
  }
}

describe('ObjectStore lists', () => {
  it('orders by key bytes, as etcd does, so pages neither skip nor repeat', () => {
    // A locale-aware order puts some of these elsewhere than byte order does; the page cursor
    // compares bytes, so the two orders disagreeing would skip or repeat names across pages.
    const names = ['ab', 'a1', 'a.1', 'a-b', 'a-1', 'b', 'a-10', 'a-9', 'Z'];
    const store = storeWith(names);
    const expected = [...names].sort((a, b) => {
      const x = Buffer.from(`default/${a}`);
      const y = Buffer.from(`default/${b}`);
      return Buffer.compare(x, y);
    });
    expect(store.list(configMaps).map(o => o.metadata.name)).toEqual(expected);
    for (const limit of [1, 2, 4]) {
      expect(readPaged(store, limit)).toEqual(expected);
    }
  });

  it('sees a write between pages: after the cursor it is listed, before it not', () => {
    const store = storeWith(['c1', 'c3', 'c5', 'c7']);
    const first = store.listPage(configMaps, { limit: 2 });
    expect(first.items.map(o => o.metadata.name)).toEqual(['c1', 'c3']);
    expect(first.remaining).toBe(2);
    store.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c2', namespace: 'default' },
    });
    store.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c6', namespace: 'default' },
    });
    store.delete(configMaps, 'default', 'c7');
    const rest = store.listPage(configMaps, { after: first.lastKey });
    expect(rest.items.map(o => o.metadata.name)).toEqual(['c5', 'c6']);
    expect(rest.remaining).toBe(0);
  });

  it('filters by namespace and predicate before cutting the page', () => {
    const store = storeWith(['a', 'b', 'c'], 'team-a');
    for (const name of ['a', 'b']) {
      store.create(configMaps, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'team-b' },
      });
    }
    const page = store.listPage(configMaps, {
      namespace: 'team-a',
      filter: o => o.metadata.name !== 'a',
      limit: 1,
    });
    expect(page.items.map(o => o.metadata.name)).toEqual(['b']);
    expect(page.remaining).toBe(1);
    expect(store.list(configMaps, 'team-b')).toHaveLength(2);
    // A namespace whose name begins another's reads its own objects only.
    store.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'z', namespace: 'team' },
    });
    expect(store.list(configMaps, 'team').map(o => o.metadata.name)).toEqual([
      'z',
    ]);
    const afterA = store.listPage(configMaps, {
      namespace: 'team-a',
      after: 'team-a/a',
    });
    expect(afterA.items.map(o => o.metadata.name)).toEqual(['b', 'c']);
    // Cluster-scoped types ignore the namespace.
    store.create(namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a' },
    });
    expect(store.list(namespaces, 'team-b')).toHaveLength(1);
  });

  it('copies only the page, and a copy changed by the caller leaves the store as it was', () => {
    const store = storeWith(
      Array.from(
        { length: 1000 },
        (_, i) => `cm-${String(i).padStart(4, '0')}`,
      ),
    );
    const copies = jest.spyOn(globalThis, 'structuredClone');
    try {
      const page = store.listPage(configMaps, { limit: 10 });
      expect(page.items).toHaveLength(10);
      expect(page.remaining).toBe(990);
      expect(copies).toHaveBeenCalledTimes(10);
      page.items[0].data = { name: 'changed by the caller' };
      page.items[0].metadata.name = 'renamed';
    } finally {
      copies.mockRestore();
    }
    expect(store.get(configMaps, 'default', 'cm-0000')!.data).toEqual({
      name: 'cm-0000',
    });
    expect(
      store.listPage(configMaps, { limit: 1 }).items[0].metadata.name,
    ).toBe('cm-0000');
  });
});
