import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MAX_TREND_DAYS } from './retentionCutoff';

const KEY = 'scorecard.retention.historyDays';

/**
 * `scorecard.retention.historyDays` (default 400): a whole number of days, never shorter than
 * the longest trend the API reads, so retention cannot empty a window a user may ask for.
 */
export function readHistoryDays(config: Config): number {
  const days = config.getOptionalNumber(KEY) ?? 400;
  if (!Number.isInteger(days) || days < MAX_TREND_DAYS) {
    throw new InputError(
      `${KEY}: must be a whole number of days, at least ${MAX_TREND_DAYS} (the longest trend the API reads)`,
    );
  }
  return days;
}
