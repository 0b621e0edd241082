import crypto from 'node:crypto';
import { FuzzCase, ROUTES } from './cases';

/** Fixed edge cases every run sends once: bodies over the limits and very deep JSON text. */
export function edgeCases(secret: string): FuzzCase[] {
  const over = Buffer.alloc(26 * 1024 * 1024, 0x20);
  const deepText = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  const deepObject = Buffer.from(
    `{"deployments":[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]}`,
  );
  const signed = (b: Buffer) =>
    `sha256=${crypto.createHmac('sha256', secret).update(b).digest('hex')}`;
  const post = (
    route: (typeof ROUTES)[number],
    body: Buffer,
    headers = {},
  ): FuzzCase => ({
    route,
    method: 'POST',
    path: route.slice('POST '.length),
    headers: { 'content-type': 'application/json', ...headers },
    body,
    auth: route.includes('webhooks') ? 'none' : 'user',
  });
  // 65,536 empty YAML documents, the most a spec file may hold (once 18 s per file to read).
  const emptyDocuments = Buffer.from(
    JSON.stringify({
      files: [{ file: 'slo.yaml', content: '---\n'.repeat(65_536) }],
    }),
  );
  const hooks = { 'x-github-event': 'push', 'x-github-delivery': 'edge' };
  return [
    post('POST /api/slo/validate', emptyDocuments),
    ...ROUTES.filter(r => r.startsWith('POST')).flatMap(route =>
      [over, deepText, deepObject].map(body =>
        post(
          route,
          body,
          route.includes('webhooks')
            ? { ...hooks, 'x-hub-signature-256': signed(body) }
            : {},
        ),
      ),
    ),
  ];
}
