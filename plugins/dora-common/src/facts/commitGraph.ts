/**
 * Commit ancestry as one entity sees it (see changesByEntity): every parent
 * edge its records of a commit named (the union, so the order records arrive
 * in never matters), and which commits it has a record of at all.
 */
export interface CommitGraph {
  parentsOf(sha: string): readonly string[];
  /** A source reported this commit (it has a change record). */
  isKnown(sha: string): boolean;
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
