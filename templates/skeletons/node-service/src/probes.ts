import http from 'node:http';
import { Registry } from './metrics';

/**
 * The platform's standard endpoints: /healthz (liveness: the process answers), /readyz
 * (readiness: dependencies are usable, false while shutting down) and /metrics (Prometheus).
 * Returns true when it answered the request.
 */
export function handleProbes(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  deps: { registry: Registry; isReady(): boolean },
): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET') return false;
  if (path === '/healthz') {
    send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    return true;
  }
  if (path === '/readyz') {
    const ready = deps.isReady();
    send(res, ready ? 200 : 503, 'application/json', JSON.stringify({ ready }));
    return true;
  }
  if (path === '/metrics') {
    send(
      res,
      200,
      'text/plain; version=0.0.4; charset=utf-8',
      deps.registry.render(),
    );
    return true;
  }
  return false;
}

export function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string,
) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
