/** Test helpers: a cluster per test file, a raw HTTP client and polling. */
import http from 'node:http';
import { LocalCluster, LocalClusterOptions, startLocalCluster } from '../index';

export const TEST_TOKEN = 'test-token';

export function startTestCluster(
  opts: Partial<LocalClusterOptions> = {},
): Promise<LocalCluster> {
  return startLocalCluster({
    port: 0,
    token: TEST_TOKEN,
    readinessDelayMs: 100,
    crashLoopIntervalMs: 250,
    ...opts,
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export function request(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    contentType?: string;
    token?: string | null;
    accept?: string;
  } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (options.token !== null)
    headers.Authorization = `Bearer ${options.token ?? TEST_TOKEN}`;
  if (body !== undefined)
    headers['Content-Type'] = options.contentType ?? 'application/json';
  if (options.accept) headers.Accept = options.accept;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json,
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function waitFor<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export function deploymentManifest(
  name: string,
  namespace: string,
  image: string,
  replicas = 2,
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels: { 'backstage.io/kubernetes-id': name },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, 'backstage.io/kubernetes-id': name } },
        spec: {
          containers: [
            {
              name,
              image,
              ports: [{ containerPort: 8080 }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** Asserts a Kubernetes `Status` failure object, as the real API server returns it. */
export function expectStatus(
  res: { status: number; json: any },
  code: number,
  reason: string,
) {
  expect(res.status).toBe(code);
  expect(res.json).toMatchObject({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    reason,
    code,
  });
  expect(typeof res.json.message).toBe('string');
}
