import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  slo?: {
    /**
     * How often each replica compares the annotated catalog entities (refs and etags, page by
     * page) with its in-memory registry and reads the spec files of new and changed ones
     * (default: every 5 minutes; the first refresh runs once the backend is ready).
     */
    specRefresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Spec files of an unchanged entity are read again after this many minutes, for a spec file
     * edited without its catalog file (default: 60).
     */
    specMaxAgeMinutes?: number;
    /**
     * Budgets whose newest rollup is older than this many seconds are flagged stale; the deploy
     * gate does not enforce stale budgets (default: 900).
     */
    staleAfterSeconds?: number;
    /**
     * Rollup bucket length in seconds, dividing 300 (default 300). Shorter buckets are for
     * tests and demos on a fresh database (the live end-to-end test uses 10): rows written with
     * another length are not converted.
     */
    bucketSeconds?: number;
    /**
     * Label that scopes a plain-format latency SLO's histogram to the SLO's `service` when its
     * selector names neither this label nor `job` (default: `service`).
     */
    serviceLabel?: string;
    gate?: {
      /**
       * The deploy gate's answer for an entity with a broken SLO spec (a file, document or SLO
       * that could not be read): `deny` (default) or `allow`. Either way the reason names the
       * file and the error.
       */
      onSpecError?: 'deny' | 'allow';
    };
    /**
     * Collect 5-minute good/total rollups from Prometheus. When set, the demo seed is off. One
     * replica collects per cycle; each SLO resumes after its last collected bucket, and a new
     * SLO is backfilled up to `maxBackfill`.
     */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090 (no /api/v1). */
      baseUrl: string;
      /**
       * Value of the Authorization header sent with every query, e.g. `Bearer <token>`. Never
       * logged.
       * @visibility secret
       */
      authorization?: string;
      /** How far back the first collection of an SLO reaches, as a duration (default 35d). */
      maxBackfill?: string;
      /**
       * How many event expressions are unioned into one range query (default 50); a cycle costs
       * about distinct expressions / this many requests.
       */
      queriesPerRequest?: number;
      /** Buckets are collected once they ended this many seconds ago, for late scrapes (default 60). */
      lagSeconds?: number;
      /**
       * How far before a cycle's first bucket counter values are read, as a duration (default
       * 6h): increments across a scrape gap up to this long before the cycle are counted in the
       * bucket of the first sample after it.
       */
      counterLookback?: string;
      /**
       * The most 5-minute buckets one collection pass reads and writes, across its SLOs
       * (default 50000): a pass's memory and its one transaction are bounded by it. A backfill
       * longer than that takes several passes.
       */
      bucketsPerPass?: number;
      /**
       * A cycle starts another pass while less than this has passed since it began, as a
       * duration (default 2m); SLOs still behind continue in the next cycle.
       */
      cycleBudget?: string;
      /** Per-request timeout in seconds (default 60). */
      timeoutSeconds?: number;
      /** Collection schedule (default: every 5 minutes, 10 minute timeout). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Deleting old rollups: a scheduled task, one replica at a time. */
    retention?: {
      /**
       * How long 5-minute buckets and their hourly and daily sums are kept, as a duration
       * (default 400d). Never less than two of the longest registered SLO window plus a day,
       * which the SLO history reads.
       */
      rollups?: string;
      /** Retention schedule (default: every 24 hours, 30 minute timeout, 15 minutes after start). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    demo?: {
      /**
       * Seed 35 days of synthetic 5-minute rollups for the demo services (payment-, order-,
       * user- and notification-service) when they have none, and keep them topped up on every
       * spec refresh. Development and demos only; ignored when `slo.prometheus` is set.
       */
      enabled?: boolean;
    };
  };
}
