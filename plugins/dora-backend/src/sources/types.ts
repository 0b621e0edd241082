import { z } from 'zod';

/**
 * What a source adapter produces: a batch in the shape `POST /events` accepts (validated and
 * stored by the same code path), or the reason an event carries nothing DORA counts.
 */
export type SourceBatch = {
  deployments: Record<string, unknown>[];
  changes: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
};

/**
 * One way to name the entity an event is about, tried in order until the catalog knows one: an
 * entity ref as given, a repository (`owner/repo`) through `github.com/project-slug`, or a
 * `backstage.io/kubernetes-id`.
 */
export type Locator =
  | { entityRef: string }
  | { slug: string }
  | { kubernetesId: string };

/** Why an event was not counted, as the coverage endpoint groups it. */
export type IgnoreCode =
  | 'unattributed'
  | 'not-counted'
  | 'duplicate-delivery'
  | 'ambiguous-slug';

export type Translation =
  | {
      kind: 'batch';
      batch: SourceBatch;
      /**
       * How to find the entity of the batch's deployments and incidents (and changes without
       * one); absent when the records already name it. None found: the event is ignored.
       */
      attribution?: Locator[];
    }
  | { kind: 'ignored'; reason: string; code: IgnoreCode };

export const emptyBatch = (): SourceBatch => ({
  deployments: [],
  changes: [],
  incidents: [],
});

export const ignored = (
  reason: string,
  code: IgnoreCode = 'not-counted',
): Translation => ({
  kind: 'ignored',
  reason,
  code,
});

/** A repository as `owner/repo` from a GitHub URL or a `pkg:github/owner/repo@…` purl. */
export function repositorySlug(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const purl = /^pkg:github\/([^/@?#]+)\/([^/@?#]+)/i.exec(value);
  if (purl)
    return `${decodeURIComponent(purl[1])}/${decodeURIComponent(purl[2])}`;
  const url =
    /^(?:https?:\/\/|git@)github\.com[/:]([^/\s]+)\/([^/\s?#]+?)(?:\.git)?(?:[/?#].*)?$/i.exec(
      value,
    );
  return url ? `${url[1]}/${url[2]}` : undefined;
}

/**
 * Environment names as the events API accepts them: GitHub and CDEvents allow any text
 * ("Production", "prod eu"), the store wants `[a-z0-9._-]`. One pass, linear in the length: the
 * regex it replaces backtracked quadratically on long runs of punctuation.
 */
export function normalizeEnvironment(name: string): string {
  const lower = name.toLowerCase();
  const isAlnum = (c: string) =>
    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  const isKept = (c: string) =>
    isAlnum(c) || c === '.' || c === '_' || c === '-';
  let out = '';
  let pendingDash = false;
  for (const c of lower) {
    if (isKept(c)) {
      if (pendingDash && out !== '') out += '-';
      pendingDash = false;
      out += c;
    } else {
      pendingDash = true;
    }
  }
  let start = 0;
  let end = out.length;
  while (start < end && !isAlnum(out[start])) start++;
  while (end > start && !isAlnum(out[end - 1])) end--;
  return out.slice(start, end);
}

const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
export const isSha = (value: unknown): value is string =>
  typeof value === 'string' && SHA.test(value);

/** A string field a payload must carry; parseInput words a wrong one `must be a non-empty string`. */
export const nonEmptyString = z.string().min(1);
