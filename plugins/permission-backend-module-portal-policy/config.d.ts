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
  kubernetes?: {
    portal?: {
      /**
       * How long the kubernetes backend's routes other than the proxy (an entity's workloads, the
       * clusters list, the conformance plugin's reads) may take before the portal answers 503
       * naming the limit, in milliseconds (default 5000). The stock backend has no timeout of
       * its own towards the clusters.
       */
      responseTimeoutMs?: number;
      /**
       * How long the Kubernetes proxy guard may wait for a cluster's Namespace object (read
       * with the cluster's config credentials to find the entity the golden-path applier
       * created it for) before answering 503, in milliseconds (default 1500). Answers are
       * reused for 30 seconds.
       */
      namespaceLookupTimeoutMs?: number;
    };
  };
}
