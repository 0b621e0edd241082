/** Rule matching and request attributes, as the real RBAC authorizer and RequestInfoFactory do them. */
import { requestAttributes } from './attributes';
import { ruleAllows } from './rules';

describe('rule matching', () => {
  const attrs = (verb: string, p: string) =>
    requestAttributes(verb, p, new URLSearchParams());
  it.each([
    [
      { verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] },
      'GET',
      '/apis/apps/v1/namespaces/a/deployments/d/scale',
      true,
    ],
    [
      { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] },
      'GET',
      '/apis/apps/v1/namespaces/a/deployments/d/scale',
      false,
    ],
    [
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      'GET',
      '/api/v1/namespaces/a/pods/p/log',
      true,
    ],
    [
      {
        verbs: ['list'],
        apiGroups: [''],
        resources: ['pods'],
        resourceNames: ['p'],
      },
      'GET',
      '/api/v1/namespaces/a/pods',
      false,
    ],
    [
      {
        verbs: ['get'],
        apiGroups: [''],
        resources: ['pods'],
        resourceNames: ['p'],
      },
      'GET',
      '/api/v1/namespaces/a/pods/p',
      true,
    ],
    [
      { verbs: ['watch'], apiGroups: [''], resources: ['pods'] },
      'GET',
      '/api/v1/watch/namespaces/a/pods',
      true,
    ],
    [
      { verbs: ['deletecollection'], apiGroups: [''], resources: ['pods'] },
      'DELETE',
      '/api/v1/namespaces/a/pods',
      true,
    ],
    [
      { verbs: ['get'], nonResourceURLs: ['/openapi/*'] },
      'GET',
      '/openapi/v3/apis/apps/v1',
      true,
    ],
    [
      { verbs: ['get'], nonResourceURLs: ['/openapi'] },
      'GET',
      '/openapi/v3',
      false,
    ],
    [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      'GET',
      '/version',
      false,
    ],
  ])('%j %s %s → %s', (rule, method, p, allowed) => {
    expect(ruleAllows(rule, attrs(method, p))).toBe(allowed);
  });

  it('reads a namespace object as living in itself, like the real RequestInfo', () => {
    expect(attrs('GET', '/api/v1/namespaces/payments')).toMatchObject({
      resource: 'namespaces',
      name: 'payments',
      namespace: 'payments',
      verb: 'get',
    });
  });
});
