export interface Config {
  review?: {
    /** The dora environment the keys are about; default the dora backend's (production). */
    environment?: string;
    /** Per request to the dora, slo, conformance and scorecard backends; default 15000. */
    peerTimeoutMs?: number;
    snapshots?: {
      /** Freeze each month's figures after it ends; default true. */
      enabled?: boolean;
      /**
       * Minutes the month-end run spreads its scopes over (one scope, then a pause of this
       * divided by the number of scopes); default 180, 0 runs them back to back.
       */
      spreadMinutes?: number;
    };
    scorecard?: {
      /**
       * Path on the scorecard backend listing `{ items: [{ entityRef, level }] }`; default
       * `/levels` (the scorecard backend's levels without results; its `/entities` answers
       * the same shape with every result, 48 MB at 10,000 entities). The column is absent
       * while it does not answer.
       */
      levelsPath?: string;
    };
  };
}
