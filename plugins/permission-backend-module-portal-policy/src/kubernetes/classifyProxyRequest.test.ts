import { classifyProxyRequest } from './classifyProxyRequest';

describe('classifyProxyRequest', () => {
  it.each([
    ['GET', '/api/v1/namespaces/payments/pods', 'payments'],
    [
      'GET',
      '/api/v1/namespaces/payments/pods/p-1/log?container=app',
      'payments',
    ],
    ['HEAD', '/api/v1/namespaces/orders/events', 'orders'],
    [
      'get',
      '/apis/apps/v1/namespaces/orders/deployments/order-service',
      'orders',
    ],
  ])('lets %s %s read namespace %s', (method, path, namespace) => {
    expect(classifyProxyRequest(method, path)).toEqual({
      kind: 'namespace-read',
      namespace,
    });
  });

  it.each([
    ['POST', '/api/v1/namespaces', /POST is a write/],
    ['DELETE', '/api/v1/namespaces/payments/pods/p-1', /DELETE is a write/],
    ['PATCH', '/apis/apps/v1/namespaces/payments/deployments/x', /write/],
    ['PUT', '/api/v1/namespaces/payments/configmaps/x', /write/],
    ['GET', '/api/v1/namespaces', /cluster-wide/],
    ['GET', '/api/v1/namespaces/payments', /cluster-wide/],
    ['GET', '/api/v1/nodes', /cluster-wide/],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles', /cluster-wide/],
    ['GET', '/api/v1/namespaces/payments/secrets', /secrets/],
    ['GET', '/api/v1/namespaces/payments/secrets/db', /secrets/],
    ['GET', '/api/v1/namespaces/payments/pods/p-1/exec', /exec/],
    ['GET', '/api/v1/namespaces/payments/pods/p-1/attach', /attach/],
    ['GET', '/api/v1/namespaces/payments/pods/p-1/portforward', /portforward/],
    ['GET', '/api/v1/namespaces/payments/services/s/proxy', /proxy/],
    ['GET', '/api/v1/namespaces/payments/pods/..%2Fsecrets', /plain/],
    ['GET', '/api/v1/namespaces/payments/pods/%2e%2e', /plain/],
    ['GET', '/api/v1/namespaces/payments//secrets', /plain/],
    ['GET', '/api/v1/namespaces/Payments/pods', /not a namespace name/],
    ['GET', '/version', /not a resource path/],
    ['GET', '', /plain/],
  ])('leaves %s %s to admins', (method, path, reason) => {
    const scope = classifyProxyRequest(method, path);
    expect(scope.kind).toBe('admin');
    expect(scope.kind === 'admin' && scope.reason).toMatch(reason);
  });

  it('leaves a WebSocket upgrade of a readable path to admins', () => {
    expect(
      classifyProxyRequest('GET', '/api/v1/namespaces/payments/pods', {
        upgrade: true,
      }),
    ).toEqual({ kind: 'admin', reason: 'a connection upgrade is a tunnel' });
  });
});
