import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  conformance?: {
    /**
     * How often the catalog is compared with what each report was judged from (a field-filtered
     * read of refs and etags): new and changed entities are judged (default every 2 minutes;
     * the first comparison runs once the backend is ready).
     */
    catalogChanges?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * The safety net: every report is judged again once per `frequency` (default 6 hours),
     * spread over that period in 5-minute steps.
     */
    reconcile?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Watches of the clusters of the kubernetes plugin's `config` locator: a changed workload,
     * HPA, PDB or network policy has its entities judged again within seconds.
     */
    watch?: {
      /** Default true. */
      enabled?: boolean;
      /** Minutes between full re-lists, the net under missed watch events (default 30). */
      relistMinutes?: number;
    };
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
     * when a request waits for it (Refresh, the card of an entity not judged yet; default 5000),
     * `refresh` in the background worker (default 30000). A cluster that does not answer
     * becomes that cluster's error.
     */
    readTimeoutMs?: { page?: number; refresh?: number };
    /** Labels every workload must carry (default: app.kubernetes.io/name and team). */
    requiredLabels?: string[];
  };
}
