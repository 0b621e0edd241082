import { compareVersions } from './record';
import type { FileSet } from './render';

export interface Drift {
  recordedVersion: string;
  latestVersion: string;
  /** Versions of the template newer than the recorded one. */
  behind: number;
  /** Files the template renders that the repository has with other content. */
  changed: string[];
  /** Files the template renders that the repository does not have. */
  missing: string[];
}

/**
 * Compares a repository's default branch with the render of its recorded version: what the
 * team changed, what is missing, and how many versions it is behind. Files the team added are
 * theirs and not drift.
 */
export function computeDrift(
  render: FileSet,
  repository: FileSet,
  recordedVersion: string,
  availableVersions: string[],
): Drift {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, content] of render) {
    const actual = repository.get(path);
    if (actual === undefined) missing.push(path);
    else if (actual !== content) changed.push(path);
  }
  const newer = availableVersions.filter(
    v => compareVersions(v, recordedVersion) > 0,
  );
  const latestVersion = [recordedVersion, ...newer]
    .sort(compareVersions)
    .pop()!;
  return {
    recordedVersion,
    latestVersion,
    behind: newer.length,
    changed: changed.sort(),
    missing: missing.sort(),
  };
}
