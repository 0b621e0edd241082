/**
 * @internal/local-cluster — an in-memory stand-in for a Kubernetes API server,
 * for local development and tests only. It is not a cluster: nothing runs.
 */
import http from 'node:http';
import https from 'node:https';
import net, { AddressInfo } from 'node:net';
import { Controller } from './controller';
import { podLogs } from './controller/logs';
import { loadManifests } from './manifests';
import { findResource } from './resources';
import { ClusterApi } from './server/api';
import { createRouter } from './server/router';
import { ObjectStore } from './store/ObjectStore';
import { kubeconfigYaml } from './kubeconfig';
import { AccessControl, IdentityConfig } from './rbac';
import { generateSelfSigned } from './server/tls';

export interface LocalClusterOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Bearer token of the cluster admin (user `local-cluster-admin`, group `system:masters`). */
  token: string;
  /** More tokens: users with groups, or service accounts; what they may do is up to RBAC. */
  identities?: IdentityConfig[];
  /** Called with the message of every request RBAC denies (default: printed when LOCAL_CLUSTER_LOG_DENIALS=1). */
  onDenied?: (message: string) => void;
  /** Folder of YAML/JSON manifests created at start. */
  manifestsDir?: string;
  /** More folders or files loaded after it (e.g. deploy/rbac, the portal's identities). */
  extraManifests?: string[];
  /** How long pods stay Pending/ContainerCreating before becoming Running. */
  readinessDelayMs?: number;
  /** Interval between restarts of crash-looping containers. */
  crashLoopIntervalMs?: number;
  /** Fail start-up when a manifest cannot be loaded (default true). */
  strictManifests?: boolean;
  /**
   * Also accept TLS on the same port with a generated self-signed certificate
   * (default true). Needed for kubectl, which never sends tokens over HTTP.
   */
  tls?: boolean;
}

export interface LocalCluster {
  /** Plain HTTP endpoint (client libraries, the Backstage kubernetes backend). */
  url: string;
  /** TLS endpoint on the same port, when `tls` is enabled. */
  httpsUrl?: string;
  /** PEM of the self-signed certificate (its own CA). */
  caCert?: string;
  port: number;
  store: ObjectStore;
  api: ClusterApi;
  access: AccessControl;
  /** kubeconfig YAML for kubectl (TLS endpoint when available), for the admin token unless another is given. */
  kubeconfig(namespace?: string, token?: string): string;
  close(): Promise<void>;
}

const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** kubeconfig contexts for the configured identities, named after their user or service account. */
function identityContexts(identities: IdentityConfig[] = []) {
  return identities.map(i => ({
    name: i.serviceAccount ? i.serviceAccount.split('/')[1] : i.user!,
    token: i.token,
  }));
}

export async function startLocalCluster(
  options: LocalClusterOptions,
): Promise<LocalCluster> {
  const host = options.host ?? '127.0.0.1';
  const store = new ObjectStore();
  const api = new ClusterApi(store);
  const namespaces = findResource('', 'v1', 'namespaces')!;
  for (const name of SYSTEM_NAMESPACES)
    api.create(namespaces, undefined, { metadata: { name } });
  const access = new AccessControl(
    store,
    options.token,
    options.identities,
    options.onDenied ??
      (process.env.LOCAL_CLUSTER_LOG_DENIALS === '1'
        ? message => console.warn(`local-cluster 403: ${message}`)
        : undefined),
  );
  access.bootstrap(api);

  const controller = new Controller(api, {
    readinessDelayMs: options.readinessDelayMs ?? 1500,
    crashLoopIntervalMs: options.crashLoopIntervalMs ?? 10000,
    hpaResyncMs: 15000,
  });
  controller.start();

  for (const dir of [
    ...(options.manifestsDir ? [options.manifestsDir] : []),
    ...(options.extraManifests ?? []),
  ]) {
    const result = await loadManifests(api, dir);
    if (result.errors.length && options.strictManifests !== false) {
      controller.stop();
      throw new Error(
        `failed to load manifests from ${dir}:\n  ${result.errors.join(
          '\n  ',
        )}`,
      );
    }
  }

  let address = '';
  const router = createRouter({
    access,
    store,
    api,
    serverAddress: () => address,
    podLogs,
  });
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    router.handle(req, res).catch(() => {
      // handle() already answers every failure; this only guards against a destroyed socket.
    });
  };
  const httpServer = http.createServer(handler);
  const tls =
    options.tls !== false
      ? await generateSelfSigned([host, '127.0.0.1', 'localhost', '::1'])
      : undefined;
  const httpsServer = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, handler)
    : undefined;
  const sockets = new Set<net.Socket>();
  // One port, both protocols: a TLS ClientHello always starts with byte 0x16.
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', first => {
      socket.pause();
      socket.unshift(first);
      const target =
        httpsServer && first[0] === 0x16 ? httpsServer : httpServer;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  for (const s of [httpServer, httpsServer])
    s?.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostPart}:${port}`;
  const httpsUrl = tls ? `https://${hostPart}:${port}` : undefined;

  return {
    url,
    httpsUrl,
    caCert: tls?.cert,
    port,
    store,
    api,
    access,
    kubeconfig: (namespace?: string, token = options.token) =>
      kubeconfigYaml(
        httpsUrl ?? url,
        token,
        tls?.cert,
        namespace,
        token === options.token ? identityContexts(options.identities) : [],
      ),
    async close() {
      controller.stop();
      router.closeStreams();
      for (const s of sockets) s.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

export { ObjectStore } from './store/ObjectStore';
export { kubeconfigYaml } from './kubeconfig';
export { ClusterApi } from './server/api';
export { loadManifests } from './manifests';
export { parseLabelSelector, matchesLabels } from './selectors/labelSelector';
export { RESOURCE_TYPES } from './resources';
export { AccessControl, parseIdentities, ADMIN_USER } from './rbac';
export { portalDevIdentities } from './devIdentities';
export type { PortalDevIdentities } from './devIdentities';
export type { IdentityConfig, UserInfo } from './rbac';
export type { KubeObject } from './store/types';
