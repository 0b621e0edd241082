import { PatchError, applyJsonPatch } from './jsonPatch';
import { applyMergePatch } from './mergePatch';
import { applyStrategicMergePatch } from './strategicMerge';

const deployment = {
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [{ containerPort: 8080, name: 'http' }],
          },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
      },
    },
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name (kubectl set image)', () => {
    const out: any = applyStrategicMergePatch(deployment, {
      spec: {
        template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } },
      },
    });
    expect(out.spec.template.spec.containers).toHaveLength(2);
    expect(out.spec.template.spec.containers[0].image).toBe('app:2');
    expect(out.spec.template.spec.containers[0].env).toHaveLength(2);
    expect(out.spec.template.spec.containers[1].image).toBe('proxy:1');
  });

  it('merges env by name, ports by containerPort, deletes with $patch and null', () => {
    const out: any = applyStrategicMergePatch(deployment, {
      spec: {
        replicas: null,
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'B', value: '3' },
                  { name: 'A', $patch: 'delete' },
                  { name: 'C', value: 'x' },
                ],
                ports: [
                  { containerPort: 8080, protocol: 'TCP' },
                  { containerPort: 9090 },
                ],
              },
              { name: 'sidecar', $patch: 'delete' },
            ],
            volumes: [{ name: 'data', emptyDir: {} }],
          },
        },
      },
    });
    const c = out.spec.template.spec.containers;
    expect(out.spec.replicas).toBeUndefined();
    expect(c.map((x: any) => x.name)).toEqual(['app']);
    expect(c[0].env).toEqual([
      { name: 'B', value: '3' },
      { name: 'C', value: 'x' },
    ]);
    expect(c[0].ports).toEqual([
      { containerPort: 8080, name: 'http', protocol: 'TCP' },
      { containerPort: 9090 },
    ]);
    expect(out.spec.template.spec.volumes.map((v: any) => v.name)).toEqual([
      'cfg',
      'data',
    ]);
  });

  it('honours $setElementOrder and $retainKeys as sent by kubectl apply', () => {
    const out: any = applyStrategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [
              { name: 'sidecar' },
              { name: 'app' },
            ],
            containers: [{ name: 'app', image: 'app:3' }],
          },
        },
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
      },
    });
    expect(out.spec.template.spec.containers.map((x: any) => x.name)).toEqual([
      'sidecar',
      'app',
    ]);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('replaces lists without a merge key', () => {
    const out: any = applyStrategicMergePatch(
      { spec: { args: ['a', 'b'] } },
      { spec: { args: ['c'] } },
    );
    expect(out.spec.args).toEqual(['c']);
  });
});

describe('merge patch and json patch', () => {
  it('merge patch replaces lists and deletes nulls', () => {
    expect(
      applyMergePatch({ a: { b: 1, c: [1, 2] } }, { a: { b: null, c: [3] } }),
    ).toEqual({ a: { c: [3] } });
  });
  it('json patch supports add/replace/remove/test and fails cleanly', () => {
    const doc = { metadata: { labels: { a: '1' } }, spec: { list: [1, 2] } };
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
        { op: 'replace', path: '/spec/list/0', value: 9 },
        { op: 'add', path: '/spec/list/-', value: 3 },
        { op: 'remove', path: '/metadata/labels/a' },
        { op: 'test', path: '/spec/list/1', value: 2 },
      ]),
    ).toEqual({
      metadata: { labels: { 'b/c': '2' } },
      spec: { list: [9, 2, 3] },
    });
    expect(() =>
      applyJsonPatch(doc, [{ op: 'remove', path: '/nope/x' }]),
    ).toThrow(/missing path/);
    expect(() =>
      applyJsonPatch(doc, [{ op: 'test', path: '/spec/list/0', value: 5 }]),
    ).toThrow(/failed/);
  });

  it('json patch move/copy and the apiserver wording of failures', () => {
    const doc = { metadata: { labels: { a: '1' } }, spec: { list: [1, 2] } };
    expect(
      applyJsonPatch(doc, [
        { op: 'copy', from: '/metadata/labels', path: '/metadata/annotations' },
        { op: 'move', from: '/spec/list/0', path: '/spec/list/-' },
      ]),
    ).toEqual({
      metadata: { labels: { a: '1' }, annotations: { a: '1' } },
      spec: { list: [2, 1] },
    });
    expect(doc.spec.list).toEqual([1, 2]);
    expect(() =>
      applyJsonPatch(doc, [{ op: 'replace', path: '/spec/nope', value: 1 }]),
    ).toThrow(
      'replace operation does not apply: doc is missing path: "/spec/nope"',
    );
    expect(() =>
      applyJsonPatch(doc, [{ op: 'move', from: '/x', path: '/y' }]),
    ).toThrow('move operation does not apply: doc is missing from path: "/x"');
    expect(() => applyJsonPatch(doc, { op: 'add' })).toThrow(
      'json patch must be an array of operations',
    );
    expect(() => applyJsonPatch(doc, [{ op: 'add', value: 1 }])).toThrow(
      'invalid json patch operation',
    );
  });

  it.each([
    ['/__proto__/polluted'],
    ['/metadata/__proto__/polluted'],
    ['/constructor/prototype/polluted'],
    ['/metadata/constructor/prototype/polluted'],
  ])('json patch refuses the prototype path %s and pollutes nothing', path => {
    const doc = { metadata: { labels: { a: '1' } } };
    for (const op of ['add', 'replace']) {
      expect(() => applyJsonPatch(doc, [{ op, path, value: 'yes' }])).toThrow(
        PatchError,
      );
    }
    expect(() =>
      applyJsonPatch(doc, [{ op: 'copy', from: '/metadata', path }]),
    ).toThrow(PatchError);
    // Jest runs tests in a vm context and structuredClone makes objects of the host realm (the
    // old hand-written patch polluted that one), so both realms' Object.prototype are checked.
    expect(({} as any).polluted).toBeUndefined();
    expect((structuredClone({}) as any).polluted).toBeUndefined();
    expect(doc).toEqual({ metadata: { labels: { a: '1' } } });
  });

  it.each(['_get', 'constructor', 'toString', '__proto__', 'fetch'])(
    'json patch refuses the operation %s as the apiserver does',
    op => {
      expect(() =>
        applyJsonPatch({ a: 1 }, [{ op, path: '/a', value: 2 }]),
      ).toThrow(`Unexpected kind: ${op}`);
    },
  );
});
