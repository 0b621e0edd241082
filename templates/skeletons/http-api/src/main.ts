import { createApp } from './app';
import { createLogger } from './logger';

const logger = createLogger('${{ values.name }}');
const port = Number(process.env.PORT ?? 8080);
const app = createApp(logger);

app.server.listen(port, () => logger.info('listening', { port }));

// Kubernetes sends SIGTERM, then waits terminationGracePeriodSeconds: fail readiness, let
// in-flight requests finish, then exit.
process.on('SIGTERM', () => {
  logger.info('shutting down');
  app.setReady(false);
  setTimeout(() => app.server.close(() => process.exit(0)), 5000).unref();
});
