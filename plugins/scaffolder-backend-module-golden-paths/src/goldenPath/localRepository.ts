import fs from 'node:fs';
import { ConflictError, NotFoundError } from '@backstage/errors';
import git, { TreeEntry } from 'isomorphic-git';
import type { FileSet } from './render';

export interface BranchSnapshot {
  branch: string;
  commit: string;
  files: FileSet;
  /** git file modes (executable bits) by path */
  modes: Map<string, string>;
  /** blob ids by path, so files an upgrade leaves alone (binaries too) are committed byte for byte */
  oids: Map<string, string>;
}

/** The files of a branch as committed (not the work tree, which a team may have dirtied). */
export async function readBranch(
  dir: string,
  branch?: string,
): Promise<BranchSnapshot> {
  const name =
    branch ?? (await git.currentBranch({ fs, dir, fullname: false })) ?? 'main';
  let commit: string;
  try {
    commit = await git.resolveRef({ fs, dir, ref: `refs/heads/${name}` });
  } catch {
    throw new NotFoundError(`${dir} has no branch ${name}`);
  }
  const files: FileSet = new Map();
  const modes = new Map<string, string>();
  const oids = new Map<string, string>();
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref: commit })],
    map: async (filepath, [entry]) => {
      if (!entry || filepath === '.') return true;
      if ((await entry.type()) !== 'blob') return true;
      const content = await entry.content();
      files.set(filepath, Buffer.from(content ?? []).toString('utf8'));
      modes.set(filepath, (await entry.mode()).toString(8));
      oids.set(filepath, await entry.oid());
      return true;
    },
  });
  return { branch: name, commit, files, modes, oids };
}

async function writeTree(
  dir: string,
  files: FileSet,
  base: Pick<BranchSnapshot, 'files' | 'modes' | 'oids'>,
  prefix: string,
): Promise<string> {
  const here = new Map<string, string>();
  const subdirs = new Set<string>();
  for (const [p, content] of files) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) here.set(rest, content);
    else subdirs.add(rest.slice(0, slash));
  }
  const tree: TreeEntry[] = [];
  for (const [name, content] of here) {
    const path = prefix + name;
    const unchanged = base.files.get(path) === content && base.oids.get(path);
    const oid =
      unchanged ||
      (await git.writeBlob({ fs, dir, blob: Buffer.from(content, 'utf8') }));
    const mode = base.modes.get(path) === '100755' ? '100755' : '100644';
    tree.push({ mode, path: name, oid, type: 'blob' });
  }
  for (const name of subdirs) {
    const oid = await writeTree(dir, files, base, `${prefix}${name}/`);
    tree.push({ mode: '040000', path: name, oid, type: 'tree' });
  }
  return git.writeTree({ fs, dir, tree });
}

/**
 * Writes `files` as one commit on a new branch whose parent is `parent`, through git objects
 * only: neither the default branch nor the work tree (which may be checked out) is touched.
 */
export async function commitToNewBranch(
  dir: string,
  options: {
    branch: string;
    /** the branch the upgrade starts from: its commit is the parent, its blobs are reused */
    base: BranchSnapshot;
    files: FileSet;
    message: string;
    author: { name: string; email: string };
  },
): Promise<string> {
  const ref = `refs/heads/${options.branch}`;
  const existing = await git
    .resolveRef({ fs, dir, ref })
    .catch(() => undefined);
  if (existing) {
    throw new ConflictError(
      `branch: ${options.branch} already exists in ${dir}; merge or delete it first`,
    );
  }
  const tree = await writeTree(dir, options.files, options.base, '');
  const timestamp = Math.floor(Date.now() / 1000);
  const person = {
    ...options.author,
    timestamp,
    timezoneOffset: 0,
  };
  const commit = await git.writeCommit({
    fs,
    dir,
    commit: {
      message: options.message.endsWith('\n')
        ? options.message
        : `${options.message}\n`,
      tree,
      parent: [options.base.commit],
      author: person,
      committer: person,
    },
  });
  await git.writeRef({ fs, dir, ref, value: commit });
  return commit;
}
