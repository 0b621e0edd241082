import { createLogger } from './logger';
import { runJob } from './job';

const logger = createLogger('${{ values.name }}');
const started = Date.now();

// Replace items and handle with the real work of this job.
runJob({
  logger,
  items: async () => [],
  handle: async () => undefined,
}).then(
  result => {
    logger.info('succeeded', { ...result, durationMs: Date.now() - started });
    process.exit(0);
  },
  error => {
    logger.error('failed', {
      error: String(error),
      durationMs: Date.now() - started,
    });
    process.exit(1);
  },
);
