import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseDuration } from '@internal/plugin-slo-common';

/** `slo.retention.rollups` in seconds (default 400 days: a year and a quarter to compare with). */
export function readRetentionSeconds(config: RootConfigService): number {
  const value = config.getOptionalString('slo.retention.rollups') ?? '400d';
  let seconds: number;
  try {
    seconds = parseDuration(value);
  } catch (e) {
    throw new InputError(`slo.retention.rollups: ${(e as Error).message}`);
  }
  if (seconds < 86400) {
    throw new InputError(
      `slo.retention.rollups: must be at least a day, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return seconds;
}
