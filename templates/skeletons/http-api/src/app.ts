import http from 'node:http';
import { Logger } from './logger';
import { Registry } from './metrics';
import { handleProbes, send } from './probes';

export interface App {
  server: http.Server;
  registry: Registry;
  /** Readiness goes false first on shutdown, so the load balancer drains before we stop. */
  setReady(ready: boolean): void;
}

/** The HTTP API of ${{ values.name }}. Add routes in `route` below. */
export function createApp(logger: Logger): App {
  const registry = new Registry();
  const requests = registry.counter(
    'http_requests_total',
    'HTTP requests by method, route and status code.',
  );
  const duration = registry.histogram(
    'http_request_duration_seconds',
    'HTTP request latency by method and route.',
  );
  let ready = true;

  const server = http.createServer((req, res) => {
    const start = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // Probes and scrapes are not user traffic: keep them out of the SLO metrics.
      if (['/healthz', '/readyz', '/metrics'].includes(path)) return;
      const route = res.getHeader('x-route')?.toString() ?? 'unmatched';
      requests.inc({
        method: req.method ?? 'GET',
        route,
        code: String(res.statusCode),
      });
      duration.observe({ method: req.method ?? 'GET', route }, seconds);
      logger.info('request', {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1000),
      });
    });
    try {
      if (handleProbes(req, res, { registry, isReady: () => ready })) return;
      route(req, res);
    } catch (error) {
      logger.error('request failed', { path, error: String(error) });
      if (!res.headersSent)
        send(res, 500, 'application/json', '{"error":"internal"}');
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/api/v1/hello') {
      res.setHeader('x-route', '/api/v1/hello');
      send(
        res,
        200,
        'application/json',
        JSON.stringify({ message: 'hello from ${{ values.name }}' }),
      );
      return;
    }
    send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));
  }

  return { server, registry, setReady: r => (ready = r) };
}
