/*
 * Response types of the golden-paths API, shared with the frontend. Type aliases rather than
 * interfaces: only aliases get the implicit index signature the OpenAPI router types require.
 */

/** Drift of one service from the template version it records. @public */
export type GoldenPathDrift = {
  entityRef: string;
  title?: string;
  owner?: string;
  /** `template:default/http-api` */
  template: string;
  recordedVersion: string;
  latestVersion: string;
  /** Number of template versions newer than the recorded one. */
  behind: number;
  /** Files the template renders that the repository has with other content. */
  changed: string[];
  /** Files the template renders that the repository lacks. */
  missing: string[];
  /** ISO 8601 time of the comparison. */
  scannedAt: string;
  /** Why the comparison failed (repository unreadable, version no longer kept…); no drift then. */
  error?: string;
  /**
   * JSON schema (an object schema, `ui:*` keys kept) of the questions the latest version asks
   * that the recorded answers lack: the upgrade form. Only in the one-service answer
   * (`GET /service`), not stored with the scan.
   */
  newQuestions?: { [key: string]: unknown };
};

/** One template with its kept versions. @public */
export type GoldenPathTemplate = {
  template: string;
  name: string;
  /** Oldest first; the last is current. */
  versions: string[];
};

/** Result of an upgrade request: the scaffolder task that produces the branch. @public */
export type GoldenPathUpgradeStarted = {
  taskId: string;
  /** The task's page in the portal, which links the branch or pull request when done. */
  taskUrl: string;
};
