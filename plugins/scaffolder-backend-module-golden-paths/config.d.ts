export interface Config {
  goldenPaths?: {
    /**
     * Folder under which new repositories are created on disk (the embedded default publisher).
     * Relative paths resolve against the backend's working directory. Default `.data/repositories`.
     */
    repositoryRoot?: string;
    /** Commit author when the user who runs a template has no name or email in the catalog. */
    defaultAuthor?: {
      name?: string;
      email?: string;
    };
  };
}
