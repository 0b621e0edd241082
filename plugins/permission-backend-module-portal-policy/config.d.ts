export interface Config {
  permission?: {
    portal?: {
      /**
       * Entity refs of the groups (or users) allowed to delete or refresh any catalog entity and
       * unregister any location, e.g. `group:default/portal-admins`. Everyone else may do so only
       * for entities their groups own.
       */
      adminRefs?: string[];
      /**
       * Routes each external client (a `backend.auth.externalAccess` token, keyed by its subject)
       * may call on the guarded plugins (catalog, dora, slo), as `METHOD /api/<plugin>/<path>`,
       * e.g. `portal-api-clients: ['POST /api/dora/events']`. A client not listed may call none.
       */
      externalRoutes?: { [subject: string]: string[] };
    };
  };
}
