import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { groupWithSubTeams, mapLimited } from '@internal/portal-node';
import { teamOwnership } from './teamOwnership';

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** How long a scope is reused: the catalog publishes no change events to invalidate on. */
const DEFAULT_TTL_MS = 30_000;
/** A bound on the groups and systems remembered; the oldest goes first. */
const DEFAULT_MAX_ENTRIES = 5_000;
/**
 * How long the policy's answer for one principal is reused: each decision is an HTTP round
 * trip to the permission backend, and the leads page asks once per team row.
 */
const DEFAULT_DECISION_TTL_MS = 5_000;

export interface CatalogScopesOptions {
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  ttlMs?: number;
  maxEntries?: number;
  decisionTtlMs?: number;
  now?: () => number;
}

type ScopeKind = 'group' | 'system';

/** A catalog group of spec.type team, as the leads page lists it. */
export interface Team {
  ref: string;
  title: string;
}

/** A team with the entities `groupEntities` gives it. */
export interface TeamScope extends Team {
  entityRefs: string[];
}

const TEAM_FIELDS = [
  ...REF_FIELDS,
  'metadata.title',
  'spec.profile.displayName',
];

/**
 * The entities a group (with its sub-teams, transitively) or a system stands for, as the
 * metrics route scopes its figures. Reading them costs three or more catalog requests, and
 * the leads page asks for every team on every view, so the answers are kept for a short time
 * (default 30 s; a new owner shows up on the leads page within that) and concurrent askers
 * share one read.
 *
 * The kept answers are read with the plugin's own credentials, so they are only handed to a
 * caller the permission policy lets read every catalog entity (an unconditional ALLOW of
 * `catalog.entity.read`, decided per principal and reused for at most `decisionTtlMs`,
 * default 5 s, so a policy change reaches these reads within that). A caller whose reads are
 * conditional or denied gets an answer read with its own credentials, and nothing is kept.
 */
export class CatalogScopes {
  private readonly entries = new Map<
    string,
    { expires: number; value: Promise<unknown> }
  >();
  private readonly decisions = new Map<
    string,
    { expires: number; readsAll: Promise<boolean> }
  >();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly decisionTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CatalogScopesOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.decisionTtlMs = options.decisionTtlMs ?? DEFAULT_DECISION_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Entities owned by the group or, transitively, by any of its child groups. */
  groupEntities(groupRef: string, credentials: BackstageCredentials) {
    return this.scope('group', groupRef, credentials);
  }

  /** Entities that are part of the system. */
  systemEntities(systemRef: string, credentials: BackstageCredentials) {
    return this.scope('system', systemRef, credentials);
  }

  /** Catalog groups of spec.type team, by title; kept like a scope. */
  async teams(credentials: BackstageCredentials): Promise<Team[]> {
    if (!(await this.readsEverything(credentials))) {
      return this.readTeams(credentials);
    }
    return this.keep('teams', () =>
      this.options.auth
        .getOwnServiceCredentials()
        .then(own => this.readTeams(own)),
    );
  }

  /**
   * Every team with its entities, each as `groupEntities` gives them. For a caller who reads
   * everything, from three catalog reads kept like a scope (the teams, every group's parents,
   * every owned entity's owners) instead of three or more per team: the leads page and the
   * review's month end ask for all teams at once, and 100 teams were 300 catalog requests.
   * Other callers: team by team, with their own credentials.
   */
  async teamScopes(credentials: BackstageCredentials): Promise<TeamScope[]> {
    if (!(await this.readsEverything(credentials))) {
      const teams = await this.readTeams(credentials);
      return mapLimited(teams, 4, async team => ({
        ...team,
        entityRefs: await this.read('group', team.ref, credentials),
      }));
    }
    return this.keep('teamScopes', async () => {
      const own = await this.options.auth.getOwnServiceCredentials();
      const { catalog } = this.options;
      const withRelations = [...REF_FIELDS, 'relations'];
      const [teams, groups, owned] = await Promise.all([
        this.readTeams(own),
        catalog.getEntities(
          { filter: { kind: 'group' }, fields: withRelations },
          { credentials: own },
        ),
        catalog.getEntities(
          {
            filter: { 'relations.ownedBy': CATALOG_FILTER_EXISTS },
            fields: withRelations,
          },
          { credentials: own },
        ),
      ]);
      const entitiesOf = teamOwnership(groups.items, owned.items);
      return teams.map(team => ({ ...team, entityRefs: entitiesOf(team.ref) }));
    });
  }

  /** Forgets every kept answer, e.g. after a catalog change the caller knows about. */
  clear() {
    this.entries.clear();
  }

  private async scope(
    kind: ScopeKind,
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (!(await this.readsEverything(credentials))) {
      return this.read(kind, ref, credentials);
    }
    return this.keep(`${kind}\u0000${ref}`, () =>
      this.options.auth
        .getOwnServiceCredentials()
        .then(own => this.read(kind, ref, own)),
    );
  }

  private keep<T>(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const kept = this.entries.get(key);
    if (kept && kept.expires > now) return kept.value as Promise<T>;
    const value = read();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.ttlMs, value });
    // A failed read (a missing group, a catalog error) is not kept: the next call asks again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Whether the policy lets the caller read every catalog entity, unconditionally. */
  readsEverything(credentials: BackstageCredentials): Promise<boolean> {
    const key = JSON.stringify(credentials.principal);
    const now = this.now();
    const kept = this.decisions.get(key);
    if (kept && kept.expires > now) return kept.readsAll;
    const readsAll = this.options.permissions
      .authorizeConditional([{ permission: catalogEntityReadPermission }], {
        credentials,
      })
      .then(([decision]) => decision.result === AuthorizeResult.ALLOW);
    this.decisions.delete(key);
    this.decisions.set(key, { expires: now + this.decisionTtlMs, readsAll });
    readsAll.catch(() => {
      if (this.decisions.get(key)?.readsAll === readsAll) {
        this.decisions.delete(key);
      }
    });
    while (this.decisions.size > this.maxEntries) {
      this.decisions.delete(this.decisions.keys().next().value!);
    }
    return readsAll;
  }

  private async readTeams(credentials: BackstageCredentials): Promise<Team[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'group', 'spec.type': 'team' }, fields: TEAM_FIELDS },
      { credentials },
    );
    return items
      .map(e => ({
        ref: stringifyEntityRef(e),
        title:
          (e.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          e.metadata.title ??
          e.metadata.name,
      }))
      .sort(
        (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
      );
  }

  private async read(
    kind: ScopeKind,
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { catalog } = this.options;
    if (!(await catalog.getEntityByRef(ref, { credentials }))) {
      throw new NotFoundError(`${kind}: no catalog ${kind} ${ref}`);
    }
    if (kind === 'system') {
      const { items } = await catalog.getEntities(
        { filter: { 'relations.partOf': ref }, fields: REF_FIELDS },
        { credentials },
      );
      return [...new Set(items.map(e => stringifyEntityRef(e)))];
    }
    const groups = await groupWithSubTeams(catalog, ref, credentials);
    const { items } = await catalog.getEntities(
      { filter: { 'relations.ownedBy': groups }, fields: REF_FIELDS },
      { credentials },
    );
    return [...new Set(items.map(e => stringifyEntityRef(e)))];
  }
}
