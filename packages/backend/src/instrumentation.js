// @ts-check
// Prometheus metrics of the backend's own requests, as https://backstage.io/docs/tutorials/setup-opentelemetry
// sets them up: loaded with `node --require` before the backend, so the HTTP module is patched
// before any plugin creates a server. Opt-in: without PORTAL_METRICS_PORT nothing is loaded, so
// start-up time and memory stay those of a stock backend (issue 20 measures both).
//
//   PORTAL_METRICS_PORT=9464   the exporter's port (/metrics); unset or empty: metrics off
//   PORTAL_METRICS_HOST        the address it binds (default 127.0.0.1; 0.0.0.0 in a container)
//
// The metric is the stable semantic-conventions histogram http.server.request.duration (seconds),
// which this exporter names http_server_request_duration{http_response_status_code,...}: the
// JavaScript exporter adds no unit suffix (catalog/slos/portal.yaml queries that name).
const port = process.env.PORTAL_METRICS_PORT;
if (port) {
  // The backend's child node processes inherit NODE_OPTIONS (and with it this file), and must
  // not try to bind the same port.
  delete process.env.PORTAL_METRICS_PORT;
  // No trace or log exporters: the SDK would otherwise send OTLP to localhost:4318.
  process.env.OTEL_TRACES_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';

  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');

  const metricsPort = Number(port);
  if (
    !Number.isInteger(metricsPort) ||
    metricsPort <= 0 ||
    metricsPort > 65535
  ) {
    throw new Error(`PORTAL_METRICS_PORT must be a TCP port, got "${port}"`);
  }
  const sdk = new NodeSDK({
    serviceName: 'portal',
    metricReaders: [
      new PrometheusExporter({
        port: metricsPort,
        host: process.env.PORTAL_METRICS_HOST || '127.0.0.1',
      }),
    ],
    instrumentations: [
      new HttpInstrumentation({
        // Scrapes of /metrics and health probes are monitoring, not requests to the portal:
        // the readiness probe answers 503 until start-up is done, by design.
        ignoreIncomingRequestHook: req =>
          req.socket.localPort === metricsPort ||
          (req.url ?? '').startsWith('/.backstage/health/'),
      }),
    ],
  });
  sdk.start();
  process.once('beforeExit', () => sdk.shutdown());
}
