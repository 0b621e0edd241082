import { merge } from 'node-diff3';
import type { FileSet } from './render';

export type FileChange =
  /** the template changed it and the team had not: the new render is taken */
  | 'template'
  /** both changed it in different places: merged line by line */
  | 'merged'
  /** the new version adds it */
  | 'added'
  /** the new version no longer has it and the team had not changed it */
  | 'deleted'
  /** both changed the same lines (or one deleted what the other changed) */
  | 'conflict';

export interface MergeResult {
  /** The repository after the upgrade: every file of `ours`, changed as listed. */
  files: FileSet;
  changes: { path: string; change: FileChange }[];
  /** Paths with conflict markers, or where a deletion met an edit (the team's file is kept). */
  conflicts: string[];
}

const lines = (text: string) => text.split('\n');

/**
 * Three-way merge of a repository with a template upgrade: base = the recorded version rendered
 * with the recorded answers, ours = the repository's default branch, theirs = the new version
 * rendered with the same answers. Only the difference between base and theirs reaches the
 * repository, so the team's own edits stay; where both touched the same lines the file gets
 * git-style conflict markers and is listed.
 */
export function mergeUpgrade(
  base: FileSet,
  ours: FileSet,
  theirs: FileSet,
  labels: { ours: string; theirs: string },
): MergeResult {
  const files: FileSet = new Map(ours);
  const changes: MergeResult['changes'] = [];
  const conflicts: string[] = [];
  const paths = [...new Set([...base.keys(), ...theirs.keys()])].sort();
  for (const path of paths) {
    const b = base.get(path);
    const o = ours.get(path);
    const t = theirs.get(path);
    if (t === b || t === o) continue; // the template did not change it, or the team already did the same
    if (o === b) {
      if (t === undefined) {
        files.delete(path);
        changes.push({ path, change: 'deleted' });
      } else {
        files.set(path, t);
        changes.push({ path, change: b === undefined ? 'added' : 'template' });
      }
      continue;
    }
    if (o === undefined || t === undefined) {
      // One side deleted the file, the other changed it: keep what the team has, and say so.
      conflicts.push(path);
      changes.push({ path, change: 'conflict' });
      continue;
    }
    const merged = merge(lines(o), lines(b ?? ''), lines(t), {
      label: { a: labels.ours, b: labels.theirs },
    });
    files.set(path, merged.result.join('\n'));
    if (merged.conflict) {
      conflicts.push(path);
      changes.push({ path, change: 'conflict' });
    } else {
      changes.push({ path, change: 'merged' });
    }
  }
  return { files, changes, conflicts };
}
