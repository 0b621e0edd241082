import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  conformance?: {
    /**
     * How often every entity's workloads are judged again (default: every 5 minutes, after a
     * 15 second initial delay). One replica runs each pass; all replicas serve the results.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Per-check overrides, keyed by check id (e.g. `horizontal-pod-autoscaler`). */
    checks?: {
      [checkId: string]: {
        /** Set to false to switch the check off for everyone. */
        enabled?: boolean;
        severity?: 'critical' | 'high' | 'medium' | 'low';
      };
    };
    /**
     * Limits of one read of an entity's workloads through the kubernetes backend, in ms: `page`
     * when a page judges an entity not judged yet (default 5000), `refresh` in the scheduled
     * pass (default 30000). A cluster that does not answer becomes that cluster's error.
     */
    readTimeoutMs?: { page?: number; refresh?: number };
    /** Labels every workload must carry (default: app.kubernetes.io/name and team). */
    requiredLabels?: string[];
  };
}
