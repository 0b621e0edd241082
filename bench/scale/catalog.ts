/**
 * The scale bench's generated catalog: N Components owned by ~100 Groups (with their Users),
 * grouped into Systems, with a lifecycle each, and a chosen number of them carrying
 * `backstage.io/kubernetes-id` so that workloads on a cluster can be matched to them.
 *
 * Written as one multi-document YAML file (each document is JSON, which is YAML, so no YAML
 * dependency). Users and Groups are trusted only from file locations in the portal, so callers
 * register the file under `catalog.locations` with `type: file`, not through the API.
 * Deterministic for a given seed, so both apps of a comparison ingest the same entities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '@internal/portal-common';

export interface CatalogOptions {
  components: number;
  /** How many Components get `backstage.io/kubernetes-id` (spread evenly over the list). */
  withKubernetesId: number;
  seed?: number;
}

export const GROUP_COUNT = 100;
const USERS_PER_GROUP = 2;
const COMPONENTS_PER_SYSTEM = 50;
const LIFECYCLES = ['production', 'production', 'experimental', 'deprecated'];
const TYPES = ['service', 'service', 'website', 'library'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const componentName = (i: number) => `svc-${pad(i, 5)}`;
export const groupName = (g: number) => `team-${pad(g, 3)}`;
export const systemName = (s: number) => `system-${pad(s, 4)}`;

/** Whether component i (0-based) of `components` carries a kubernetes-id; evenly spread. */
export function hasKubernetesId(
  i: number,
  opts: Pick<CatalogOptions, 'components' | 'withKubernetesId'>,
): boolean {
  const { components: n, withKubernetesId: k } = opts;
  return Math.floor(((i + 1) * k) / n) > Math.floor((i * k) / n);
}

/** The kubernetes-ids (= component names) in the catalog, in order. */
export function kubernetesIds(
  opts: Pick<CatalogOptions, 'components' | 'withKubernetesId'>,
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < opts.components; i++) {
    if (hasKubernetesId(i, opts)) ids.push(componentName(i));
  }
  return ids;
}

export function generateCatalog(opts: CatalogOptions): object[] {
  // mulberry32: seedable, so both apps of a comparison get the same owners and lifecycles.
  const random = mulberry32(opts.seed ?? 20);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const entities: object[] = [];
  for (let g = 0; g < GROUP_COUNT; g++) {
    const members: string[] = [];
    for (let u = 0; u < USERS_PER_GROUP; u++) {
      members.push(`user-${pad(g, 3)}-${u}`);
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: groupName(g), description: `Team ${g}` },
      spec: { type: 'team', children: [], members },
    });
    for (const name of members) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name },
        spec: {
          profile: { displayName: name, email: `${name}@example.com` },
          memberOf: [groupName(g)],
        },
      });
    }
  }
  const systems = Math.max(
    1,
    Math.ceil(opts.components / COMPONENTS_PER_SYSTEM),
  );
  for (let s = 0; s < systems; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: systemName(s) },
      spec: { owner: `group:default/${groupName(s % GROUP_COUNT)}` },
    });
  }
  for (let i = 0; i < opts.components; i++) {
    const name = componentName(i);
    const annotations: Record<string, string> = {};
    if (hasKubernetesId(i, opts)) {
      annotations['backstage.io/kubernetes-id'] = name;
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        description: `Generated service ${i} for the scale bench`,
        annotations,
        tags: [pick(['java', 'go', 'node', 'python'])],
      },
      spec: {
        type: pick(TYPES),
        lifecycle: pick(LIFECYCLES),
        owner: `group:default/${groupName(Math.floor(random() * GROUP_COUNT))}`,
        system: `system:default/${systemName(
          Math.floor(i / COMPONENTS_PER_SYSTEM),
        )}`,
      },
    });
  }
  return entities;
}

/** Writes the catalog to `<dir>/catalog.yaml` and returns that (absolute) path. */
export function writeCatalog(dir: string, opts: CatalogOptions): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.resolve(dir, 'catalog.yaml');
  const docs = generateCatalog(opts).map(e => JSON.stringify(e));
  fs.writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return file;
}
