import path from 'node:path';
import { Config } from '@backstage/config';

/** Where the golden paths publish new repositories: on disk (development) or to GitHub. */
export type GoldenPathsPublisher = 'local' | 'github';

export const PUBLISHERS: readonly GoldenPathsPublisher[] = ['local', 'github'];

export interface GoldenPathsConfig {
  /** Absolute folder that holds one git repository per generated service or resource. */
  repositoryRoot: string;
  /** Commit author when the task's user has no name or email in the catalog. */
  defaultAuthor: { name: string; email: string };
  publisher: GoldenPathsPublisher;
  github: {
    /** GitHub host, as in `integrations.github[].host`. */
    host: string;
    /**
     * Organisation or user the repositories are created under. Checked when a template runs
     * rather than at start-up, so a portal without it still starts (only POSTGRES_* are required).
     */
    owner?: string;
  };
}

/** Repository names: DNS labels, so the same name works as a Kubernetes name and a folder. */
export const REPOSITORY_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function readGoldenPathsConfig(config: Config): GoldenPathsConfig {
  const root = config.getOptionalString('goldenPaths.repositoryRoot');
  const publisher =
    config.getOptionalString('goldenPaths.publisher') ?? 'local';
  if (!PUBLISHERS.includes(publisher as GoldenPathsPublisher)) {
    throw new Error(
      `goldenPaths.publisher: "${publisher}" is not a publisher; use ${PUBLISHERS.join(
        ' or ',
      )}`,
    );
  }
  return {
    // Relative paths resolve against the backend's working directory, like the SQLite folder.
    repositoryRoot: path.resolve(root ?? '.data/repositories'),
    defaultAuthor: {
      name:
        config.getOptionalString('goldenPaths.defaultAuthor.name') ??
        'Portal Scaffolder',
      email:
        config.getOptionalString('goldenPaths.defaultAuthor.email') ??
        'scaffolder@portal.local',
    },
    publisher: publisher as GoldenPathsPublisher,
    github: {
      host: config.getOptionalString('goldenPaths.github.host') ?? 'github.com',
      // An unset environment variable in the config arrives as an empty string or not at all.
      owner: config.getOptionalString('goldenPaths.github.owner') || undefined,
    },
  };
}

/**
 * The templates folder whose versions drift and upgrade render (`<name>.yaml` and
 * `versions/<name>/<version>/`). Relative to the backend's working directory; default `templates`.
 */
export function readTemplateRoot(config: Config): string {
  return path.resolve(
    config.getOptionalString('goldenPaths.templateRoot') ?? 'templates',
  );
}
