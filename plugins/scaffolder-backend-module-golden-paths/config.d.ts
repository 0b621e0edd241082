export interface Config {
  goldenPaths?: {
    /**
     * Where `portal:publish` publishes new repositories: `local` (default) creates them on disk
     * under `repositoryRoot`, which the catalog module registers; `github` hands them to the
     * `publish:github` action of the GitHub scaffolder module (the templates' `publish-github`
     * step) under `github.owner`, and they are registered by URL.
     */
    publisher?: 'local' | 'github';
    /**
     * Folder under which new repositories are created on disk (the embedded default publisher).
     * Relative paths resolve against the backend's working directory. Default `.data/repositories`.
     */
    repositoryRoot?: string;
    /**
     * The golden-path templates folder that drift and upgrade render versions from: `<name>.yaml`
     * (current) and `versions/<name>/<version>/template.yaml` (kept earlier versions). Relative to
     * the backend's working directory. Default `templates`.
     */
    templateRoot?: string;
    /** Commit author when the user who runs a template has no name or email in the catalog. */
    defaultAuthor?: {
      name?: string;
      email?: string;
    };
    /** Where `portal:kubernetes:apply` writes, with credentials of its own. */
    kubernetes?: {
      /**
       * Clusters the applier writes to, with a write token separate from the kubernetes
       * plugin's read-only one (RBAC in deploy/rbac/portal-applier.yaml).
       */
      clusters?: Array<{
        name: string;
        url: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        caData?: string;
        caFile?: string;
        skipTLSVerify?: boolean;
      }>;
      /**
       * Development only: without `clusters`, write with the kubernetes plugin's config
       * clusters and their credentials. Default false.
       */
      useKubernetesPluginClusters?: boolean;
      /** Whether the action creates its namespace when missing. Default false. */
      createNamespaces?: boolean;
      /** Limit of one request to a cluster's API, in milliseconds. Default 5000. */
      requestTimeoutMs?: number;
    };
    /** The `github` publisher's target; credentials come from `integrations.github`. */
    github?: {
      /** Host of an `integrations.github` entry. Default github.com. */
      host?: string;
      /** Organisation or user that new repositories are created under. Required for `github`. */
      owner?: string;
    };
  };
}
