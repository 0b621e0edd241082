export interface Config {
  dora?: {
    demo?: {
      /**
       * Seed 180 days of generated history for the demo services at startup when the store
       * holds no deployments yet (runs in the background, after the catalog has the demo
       * components). Never enable in production.
       */
      enabled?: boolean;
    };
  };
}
