import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ListedDeployment,
  MetricsResponse,
  TeamMetrics,
  TeamMetricsResponse,
} from '@internal/plugin-dora-common';

export type { MetricsResponse, TeamMetrics, TeamMetricsResponse };

/** Windows the backend accepts as `window`; each ends now. @public */
export type DoraWindow = '7d' | '30d' | '90d' | '180d';

/** @public */
export type DoraBucket = 'day' | 'week' | 'month';

/**
 * What `GET /metrics` is computed over. At most one of entityRef, group and
 * system; none means the whole organisation.
 *
 * @public
 */
export interface MetricsQuery {
  entityRef?: string;
  group?: string;
  system?: string;
  environment?: string;
  /** Window ending now; leave it out when giving `from` and `to`. */
  window?: DoraWindow;
  /** Explicit window start (ISO instant), inclusive; needs `to`. */
  from?: string;
  /** Explicit window end (ISO instant), exclusive; needs `from`. */
  to?: string;
  bucket?: DoraBucket;
}

/** @public */
export type TeamMetricsQuery = Pick<
  MetricsQuery,
  'environment' | 'window' | 'from' | 'to' | 'bucket'
>;

/** @public */
export interface DeploymentsQuery {
  entityRef?: string;
  environment?: string;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
  /** 1–1000; the backend defaults to 100. */
  limit?: number;
}

/**
 * What one source route received over the last 7 UTC days (`GET /coverage`).
 *
 * @public
 */
export interface SourceCoverage {
  source: 'github' | 'cdevents';
  received: number;
  attributed: number;
  /** Per reason code: `unattributed` (no catalog entity), `not-counted`. */
  ignored: Record<string, number>;
  refused: number;
}

/** @public */
export interface CoverageResponse {
  from: string;
  to: string;
  sources: SourceCoverage[];
}

/**
 * Client of the DORA backend.
 *
 * @public
 */
export interface DoraApi {
  getMetrics(query?: MetricsQuery): Promise<MetricsResponse>;
  /** Every team's keys in one request (`GET /metrics/teams`). */
  getTeamMetrics(query?: TeamMetricsQuery): Promise<TeamMetricsResponse>;
  /** Newest first. */
  listDeployments(query?: DeploymentsQuery): Promise<ListedDeployment[]>;
  getCoverage(): Promise<CoverageResponse>;
  /** The URL of the raw coverage answer, for a link. */
  coverageUrl(): Promise<string>;
}

/** @public */
export const doraApiRef = createApiRef<DoraApi>().with({
  id: 'plugin.dora.api',
  pluginId: 'dora',
});
