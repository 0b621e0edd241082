/** A kubeconfig for kubectl. It must point at the TLS endpoint: client-go drops tokens on plain HTTP. */
export function kubeconfigYaml(
  server: string,
  token: string,
  caCertPem?: string,
  namespace = 'default',
): string {
  const ca = caCertPem
    ? [
        `    certificate-authority-data: ${Buffer.from(caCertPem).toString(
          'base64',
        )}`,
      ]
    : [];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: local-cluster',
    '  cluster:',
    `    server: ${server}`,
    ...ca,
    'users:',
    '- name: local-cluster',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: local-cluster',
    '  context:',
    '    cluster: local-cluster',
    '    user: local-cluster',
    `    namespace: ${namespace}`,
    'current-context: local-cluster',
    '',
  ].join('\n');
}
