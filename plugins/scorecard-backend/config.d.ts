export interface Config {
  scorecard?: {
    /** Check ids per level; each replaces the default set of its level. */
    levels?: {
      bronze?: string[];
      silver?: string[];
      gold?: string[];
    };
    /** Entity kinds that get a scorecard (default Component). */
    kinds?: string[];
    /** When the scheduled evaluation runs (default every 15 minutes). */
    schedule?: {
      frequency: { minutes?: number; hours?: number } | { cron: string };
      timeout: { minutes?: number };
      initialDelay?: { minutes?: number; seconds?: number };
    };
    /**
     * After a pass that left checks pending (their source has not judged the entity yet) or
     * judged entities new to the catalog, the next pass runs this many seconds later instead
     * of on the schedule, up to 10 times in a row (default 30). Each pass in a row that found
     * every input unchanged doubles the wait.
     */
    pendingRetrySeconds?: number;
    /**
     * The share of a scheduled pass's time spent working, above 0 and at most 1 (default 0.5):
     * after each page of 500 entities the pass rests as long as it makes this share, so the
     * catalog keeps serving its own requests while a pass judges thousands of entities.
     */
    dutyCycle?: number;
    ci?: {
      /** A pushed result older than this many days no longer counts (default 30). */
      maxAgeDays?: number;
    };
    ingest?: {
      /**
       * Per API client subject (backend.auth.externalAccess): entity refs, owning groups or `*`
       * it may push results for. Unlisted clients may push nothing.
       */
      apiClients?: { [subject: string]: string[] };
    };
    notifications?: {
      /**
       * Notify owners (notifications backend) when a passing check starts failing and when a
       * campaign deadline is 7 days away (default true).
       */
      enabled?: boolean;
    };
    retention?: {
      /**
       * Days of per-day scorecard history (and of CI results) kept; each entity's last row
       * before the cut-off stays. A whole number, at least 366 (default 400).
       */
      historyDays?: number;
    };
    demo?: {
      /** Seed image-scan results for the demo catalog through the results store. */
      enabled?: boolean;
    };
  };
}
