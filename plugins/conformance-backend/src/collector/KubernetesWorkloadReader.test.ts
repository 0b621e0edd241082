import http from 'node:http';
import net from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { KubernetesWorkloadReader } from './KubernetesWorkloadReader';

// A dependency that accepts connections and never answers: the read must fail within 2 s with
// the dependency named, not hang the page that asked.

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service' },
};

describe('KubernetesWorkloadReader time limits', () => {
  const sockets: net.Socket[] = [];
  let server: http.Server;
  let baseUrl: string;
  /** Whether the services list answers; the proxy never does. */
  let servicesAnswer = false;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      sockets.push(req.socket);
      if (servicesAnswer && req.url!.startsWith('/services/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            items: [
              {
                cluster: { name: 'hung' },
                errors: [],
                podMetrics: [],
                resources: [
                  {
                    type: 'deployments',
                    resources: [
                      {
                        metadata: {
                          name: 'payment-service',
                          namespace: 'payments',
                        },
                      },
                    ],
                  },
                ],
              },
            ],
          }),
        );
      }
      // Otherwise: keep the connection open and say nothing.
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    sockets.forEach(s => s.destroy());
    await new Promise(r => server.close(r));
  });

  const reader = () =>
    new KubernetesWorkloadReader(
      mockServices.discovery.mock({ getBaseUrl: async () => baseUrl }),
      mockServices.auth(),
      1500,
    );

  it('fails with 503 naming the kubernetes backend when the listing hangs', async () => {
    servicesAnswer = false;
    const started = Date.now();
    await expect(reader().read(entity)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'the kubernetes backend did not list the workloads of payment-service within 1500 ms (a cluster is not answering)',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a cluster whose proxy reads hang as that cluster error', async () => {
    servicesAnswer = true;
    const started = Date.now();
    const clusters = await reader().read(entity);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(clusters).toEqual([
      {
        cluster: 'hung',
        contexts: [],
        error: 'cluster hung did not answer within 1500 ms',
      },
    ]);
  });
});
