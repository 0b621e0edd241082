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
    github?: {
      /**
       * Secret of the GitHub webhook (Settings → Webhooks). Deliveries whose
       * X-Hub-Signature-256 does not match are refused; without a secret all are.
       * @visibility secret
       */
      webhookSecret?: string;
      /** Issues with this label are incidents. Default `incident`. */
      incidentLabel?: string;
      /**
       * Merged PRs with this label are hotfixes: the deployment that delivers them counts as
       * rework. Default `hotfix`. (PRs titled `Revert "…"` make their deployment a rollback.)
       */
      hotfixLabel?: string;
      /** GitHub Actions workflows whose completed runs are deployments. */
      workflows?: Array<{
        /** Workflow file (`deploy.yml`) or name. */
        workflow: string;
        /** Default `production`. */
        environment?: string;
        /** `owner/repo`; any repository when absent. */
        repository?: string;
      }>;
    };
    kubernetes?: {
      /**
       * Watch the Deployments labelled backstage.io/kubernetes-id in the clusters of the
       * kubernetes plugin's `config` locator and record each finished rollout as a deployment.
       */
      enabled?: boolean;
      /** DORA environment per cluster name; default `production`. */
      environments?: { [cluster: string]: string };
      /**
       * Seconds between full re-lists of each cluster; between them, each watch the server ends
       * is followed by one from the last version seen. Default 1800.
       */
      relistSeconds?: number;
    };
    /** What the retention task (daily, one replica at a time) forgets. */
    retention?: {
      /**
       * Days a GitHub delivery id is remembered to skip its re-delivery (default 30; ingest is
       * idempotent, so a later re-delivery still stores nothing twice).
       */
      deliveryDays?: number;
      /** Days of the source routes' daily counts kept for GET /coverage (default 400). */
      sourceEventDays?: number;
      /**
       * Days of events kept (default 730, at least 360: the longest named window, 180d, and its
       * previous window). The task deletes deployments, incidents and change records before the
       * Monday on or before that many days ago, with the derived rows of the days before it
       * (README "Retention" says what is kept); GET /metrics refuses a window whose previous
       * window starts before that Monday.
       */
      eventDays?: number;
    };
    ingest?: {
      /**
       * What each API client (a static token of `backend.auth.externalAccess`, or another
       * plugin as `plugin:<id>`, keyed by its subject) may post to `POST /api/dora/events` and
       * `/cdevents`: entity refs (kind defaults to component), groups (`group:default/payments`:
       * the entities that group owns), or `*` for every entity, which is also what a change
       * without an entityRef needs. A client not listed may post for no entity. Users are
       * decided by the permission policy (`dora.events.create` on the entity).
       */
      apiClients?: { [subject: string]: string[] };
    };
    cdevents?: {
      /** Pipelines whose `pipelinerun.finished` events are deployments. */
      deployPipelines?: Array<{
        pipeline: string;
        /** Default `production`. */
        environment?: string;
        entityRef?: string;
        kubernetesId?: string;
      }>;
    };
  };
}
