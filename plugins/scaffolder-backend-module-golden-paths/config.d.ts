export interface Config {
  goldenPaths?: {
    /** Folder under which new repositories are created on disk (the embedded default publisher). */
    repositoryRoot?: string;
  };
}
