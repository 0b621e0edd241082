import path from 'node:path';
import { InputError } from '@backstage/errors';

/** A catalog location as in `backstage.io/managed-by-location`. */
export interface LocationRef {
  type: string;
  target: string;
}

/** Where one spec path of the annotation may be read from, and the root it must stay in. */
export type SpecTarget =
  | { type: 'file'; path: string; root: string }
  | { type: 'url'; url: string };

// Repository roots of blob URLs: GitHub (/o/r/blob/ref/), GitLab (/g/…/r/-/blob/ref/),
// Bitbucket Server and Gitea-like hosts (/o/r/src/ref/). Elsewhere the location's folder.
const REPO_ROOTS = [
  /^(\/[^/]+\/[^/]+\/(?:blob|tree|raw|edit)\/[^/]+\/)/,
  /^(\/(?:[^/]+\/)+-\/(?:blob|tree|raw)\/[^/]+\/)/,
  /^(\/[^/]+\/[^/]+\/src\/[^/]+\/)/,
];

function fail(spec: string, reason: string): never {
  throw new InputError(`${spec}: ${reason}`);
}

function urlRoot(location: URL): string {
  for (const pattern of REPO_ROOTS) {
    const match = pattern.exec(location.pathname);
    if (match) return match[1];
  }
  return location.pathname.replace(/[^/]*$/, '');
}

/** True when `target` is `root` or below it (both absolute, normalised). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/**
 * Resolves one path of `portal.io/slo-spec` against the entity's catalog file, refusing what
 * would read outside the entity's own place: absolute paths, `..` above the root (the folder
 * of the location that registered the entity for files, the repository for URLs) and URLs
 * on another host. Messages repeat the path as written, never the resolved one.
 */
export function resolveSpecTarget(
  spec: string,
  location: LocationRef,
  origin?: LocationRef,
): SpecTarget {
  if (spec.includes('\0')) fail(spec, 'must be a path');
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(spec);

  if (location.type === 'file') {
    if (isUrl || path.isAbsolute(spec) || spec.startsWith('~')) {
      fail(spec, "must be a path relative to the entity's catalog file");
    }
    const dir = path.dirname(location.target);
    const originDir =
      origin?.type === 'file' ? path.dirname(origin.target) : undefined;
    // The folder of the location that registered the entity, when the entity lives in it.
    const root = originDir && isInside(originDir, dir) ? originDir : dir;
    const target = path.resolve(dir, spec);
    if (!isInside(root, target)) {
      fail(
        spec,
        "must stay inside the folder of the entity's catalog location",
      );
    }
    return { type: 'file', path: target, root };
  }

  if (location.type === 'url') {
    let base: URL;
    try {
      base = new URL(location.target);
    } catch {
      return fail(spec, 'the entity has no valid catalog location URL');
    }
    let target: URL;
    try {
      target = new URL(spec, base);
    } catch {
      return fail(spec, 'must be a relative path or a URL');
    }
    if (target.origin !== base.origin) {
      fail(
        spec,
        `must be on the host of the entity's repository (${base.host})`,
      );
    }
    const root = urlRoot(base);
    if (!target.pathname.startsWith(root)) {
      fail(spec, "must stay inside the entity's repository");
    }
    target.hash = '';
    return { type: 'url', url: target.toString() };
  }

  return fail(
    spec,
    `cannot resolve against a "${location.type}" location; expected file: or url:`,
  );
}
