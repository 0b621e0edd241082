import { HttpRouterService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, serializeError } from '@backstage/errors';

type Handler = Parameters<HttpRouterService['use']>[0];

/** The kubernetes backend's answer limit when `kubernetes.portal.responseTimeoutMs` is not set. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 5_000;

/**
 * Answers a kubernetes backend request that is still unanswered after `timeoutMs` with a 503
 * naming the limit. The stock backend fetches from the clusters without a timeout, so one
 * cluster that accepts connections and never answers would otherwise hang every entity page's
 * Kubernetes tab, and the conformance plugin's reads behind it, for as long as the socket
 * lives. The proxy is left alone: logs and watches stream through it for as long as they last.
 *
 * The stock handler's own fetch goes on until the cluster answers or drops the connection; what
 * it writes after the deadline is discarded.
 */
export function createResponseDeadline(options: {
  timeoutMs: number;
  /**
   * Loads the client library the kubernetes backend loads on its first request; by default
   * `@kubernetes/client-node` (tests that need no cluster pass a no-op).
   */
  loadClient?: () => void;
}): Handler {
  const { timeoutMs } = options;
  let clientLoaded = false;
  return (req, res, next) => {
    if (req.path.startsWith('/proxy')) {
      next();
      return;
    }
    if (!clientLoaded) {
      // The kubernetes backend loads its large client on its first request, which on a busy
      // machine takes seconds: that is not a cluster failing to answer, so it is done before
      // the limit starts (once; the module cache keeps it for the backend's own import).
      (options.loadClient ?? loadKubernetesClient)();
      clientLoaded = true;
    }
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const error = new ServiceUnavailableError(
        `The Kubernetes backend did not answer ${req.method} ${req.baseUrl}${req.path} within ${timeoutMs} ms: a cluster accepts connections but does not answer (kubernetes.portal.responseTimeoutMs)`,
      );
      res.status(503).json({
        error: serializeError(error),
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 503 },
      });
      // The stock handler answers later, or fails; neither may reach the closed response.
      const discard = () => res;
      res.status = discard as typeof res.status;
      res.json = discard as typeof res.json;
      res.send = discard as typeof res.send;
      res.setHeader = discard as unknown as typeof res.setHeader;
      res.end = discard as unknown as typeof res.end;
    }, timeoutMs);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    next();
  };
}

function loadKubernetesClient() {
  // require, not import(): Jest's VM cannot run a dynamic import of an ES module, and Node 22
  // requires ES modules into the same module cache the backend's import() reads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@kubernetes/client-node');
}
