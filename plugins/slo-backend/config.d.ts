import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  slo?: {
    /**
     * How often each replica re-reads the SLO specs of annotated catalog entities into its
     * in-memory registry (default: every 5 minutes, after a 5 second initial delay).
     */
    specRefresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Budgets whose newest rollup is older than this many seconds are flagged stale; the deploy
     * gate does not enforce stale budgets (default: 900).
     */
    staleAfterSeconds?: number;
    demo?: {
      /**
       * Seed 35 days of synthetic 5-minute rollups for the demo services (payment-, order-,
       * user- and notification-service) when they have none, and keep them topped up on every
       * spec refresh. Development and demos only: never enable it next to a real collector.
       */
      enabled?: boolean;
    };
  };
}
