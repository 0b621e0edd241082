import { Change } from '../types';

/**
 * Commit ancestry as the sources reported it: every parent edge any record
 * of a commit named (the union, so the order records arrive in never
 * matters), and which commits some source reported at all.
 */
export interface CommitGraph {
  parentsOf(sha: string): readonly string[];
  /** A source reported this commit (it has a change record). */
  isKnown(sha: string): boolean;
}

const NONE: readonly string[] = [];

/** Builds the graph from every change record, duplicates included. */
export function commitGraph(changes: readonly Change[]): CommitGraph {
  const parents = new Map<string, Set<string>>();
  for (const change of changes) {
    let set = parents.get(change.sha);
    if (!set) {
      set = new Set();
      parents.set(change.sha, set);
    }
    for (const parent of change.parents ?? []) {
      if (parent !== change.sha) set.add(parent);
    }
  }
  const lists = new Map([...parents].map(([sha, set]) => [sha, [...set]]));
  return {
    parentsOf: sha => lists.get(sha) ?? NONE,
    isKnown: sha => lists.has(sha),
  };
}

/**
 * Whether every SHA of `shas` is reachable from (an ancestor of, or equal
 * to) one of `from`. Empty `shas` is never reachable: a deployment without
 * commits says nothing about what it ran.
 */
export function allReachable(
  graph: CommitGraph,
  shas: readonly string[],
  from: readonly string[],
): boolean {
  if (shas.length === 0 || from.length === 0) return false;
  const wanted = new Set(shas);
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0 && wanted.size > 0) {
    const sha = stack.pop()!;
    if (seen.has(sha)) continue;
    seen.add(sha);
    wanted.delete(sha);
    stack.push(...graph.parentsOf(sha));
  }
  return wanted.size === 0;
}
