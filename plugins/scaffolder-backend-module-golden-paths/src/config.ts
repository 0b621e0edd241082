import path from 'node:path';
import { Config } from '@backstage/config';

export interface GoldenPathsConfig {
  /** Absolute folder that holds one git repository per generated service or resource. */
  repositoryRoot: string;
  /** Commit author when the task's user has no name or email in the catalog. */
  defaultAuthor: { name: string; email: string };
}

/** Repository names: DNS labels, so the same name works as a Kubernetes name and a folder. */
export const REPOSITORY_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function readGoldenPathsConfig(config: Config): GoldenPathsConfig {
  const root = config.getOptionalString('goldenPaths.repositoryRoot');
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
  };
}
