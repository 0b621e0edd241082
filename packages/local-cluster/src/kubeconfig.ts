/** A kubeconfig for kubectl. It must point at the TLS endpoint: client-go drops tokens on plain HTTP. */
export interface KubeconfigUser {
  /** Context and user name, e.g. `portal-reader`. */
  name: string;
  token: string;
}

/**
 * The current context is the admin (`local-cluster`); every other identity
 * gets a context of its own, so `kubectl --context portal-reader auth can-i
 * --list` shows what that token may do.
 */
export function kubeconfigYaml(
  server: string,
  token: string,
  caCertPem?: string,
  namespace = 'default',
  others: KubeconfigUser[] = [],
): string {
  const ca = caCertPem
    ? [
        `    certificate-authority-data: ${Buffer.from(caCertPem).toString(
          'base64',
        )}`,
      ]
    : [];
  const users = [{ name: 'local-cluster', token }, ...others];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: local-cluster',
    '  cluster:',
    `    server: ${server}`,
    ...ca,
    'users:',
    ...users.flatMap(u => [
      `- name: ${u.name}`,
      '  user:',
      `    token: ${u.token}`,
    ]),
    'contexts:',
    ...users.flatMap(u => [
      `- name: ${u.name}`,
      '  context:',
      '    cluster: local-cluster',
      `    user: ${u.name}`,
      `    namespace: ${namespace}`,
    ]),
    'current-context: local-cluster',
    '',
  ].join('\n');
}
