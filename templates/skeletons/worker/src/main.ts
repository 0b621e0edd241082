import http from 'node:http';
import { createLogger } from './logger';
import { Registry } from './metrics';
import { handleProbes, send } from './probes';
import { MemoryQueue, createWorker } from './worker';

const logger = createLogger('${{ values.name }}');
const registry = new Registry();
// Replace MemoryQueue with your broker's client (see Queue in src/worker.ts).
const worker = createWorker({
  queue: new MemoryQueue(),
  logger,
  registry,
  async handle(message) {
    logger.info('handling', { id: message.id });
  },
});

// Probes and metrics on their own port; the worker serves no other HTTP.
const server = http.createServer((req, res) => {
  if (!handleProbes(req, res, { registry, isReady: worker.isRunning })) {
    send(res, 404, 'application/json', '{"error":"not found"}');
  }
});
server.listen(Number(process.env.PORT ?? 8080));
worker.start();
logger.info('worker started');

process.on('SIGTERM', async () => {
  logger.info('shutting down');
  await worker.stop();
  server.close(() => process.exit(0));
});
