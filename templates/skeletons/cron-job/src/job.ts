import { Logger } from './logger';

export interface JobResult {
  processed: number;
}

/**
 * One run of ${{ values.name }}. Keep it idempotent: Kubernetes may start a run twice, and a
 * failed run is retried (backoffLimit in kubernetes/cronjob.yaml).
 */
export async function runJob(deps: {
  logger: Logger;
  items(): Promise<string[]>;
  handle(item: string): Promise<void>;
}): Promise<JobResult> {
  const items = await deps.items();
  for (const item of items) {
    await deps.handle(item);
  }
  deps.logger.info('run finished', { processed: items.length });
  return { processed: items.length };
}
