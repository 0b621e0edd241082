import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LevelDefinitions,
  levelOf,
  scorecardScore,
} from '@internal/plugin-scorecard-common';
import { createHash } from 'node:crypto';
import { applyExemptions } from '../checks/applyExemptions';
import { evaluateChecks, providedApiRefs } from '../checks/evaluateChecks';
import { EntitySignals, PushedSignal } from '../checks/signals';
import { ScorecardStore, StoredDay } from '../database/ScorecardStore';
import { ScorecardNotifier } from '../notifications/ScorecardNotifier';
import { SignalSource } from './SignalReader';
import { KnownDeployment } from './doraDeployments';

/** Passes over more entities than this read DORA deployments in pages, not per entity. */
const BULK_DORA_FROM = 50;

export interface EvaluationSummary {
  entities: number;
  /** Day rows written because the entity's signals changed (or the day is new). */
  written: number;
  unchanged: number;
  /** Entities with a check still waiting for its source (pending), to be judged again soon. */
  pending: number;
  /** Those entities: a retry judges them alone rather than the whole catalog again. */
  pendingRefs: string[];
  /** Entities skipped because a source did not answer; their last row stands. */
  skipped: { entityRef: string; reason: string }[];
  /** (entity, check) pairs that went from pass to fail and whose owners were notified. */
  notified: number;
}

export interface EvaluatorOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: ScorecardStore;
  source: SignalSource;
  logger: LoggerService;
  levels: LevelDefinitions;
  kinds: string[];
  ciMaxAgeDays: number;
  /** Tells owners of checks that went from pass to fail; none, nobody is told. */
  notifier?: Pick<ScorecardNotifier, 'notifyRegressions'>;
  now?: () => Date;
}

/**
 * Judges entities from the other plugins' signals and stores one row per entity per day. A row
 * is written only when the signals differ from those of the row already stored for the day, so
 * a pass over an unchanged portal writes nothing, and the first pass of a day writes the day.
 */
export class ScorecardEvaluator {
  private readonly now: () => Date;

  constructor(private readonly options: EvaluatorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Every entity of the configured kinds, or only `entityRefs`. With `settledOnly` (a retry of
   * pending entities), an entity the conformance plugin still lists as pending is left pending
   * without reading its other signals: judging it again now would give the same pending row.
   */
  async evaluate(
    entityRefs?: string[],
    options: { settledOnly?: boolean } = {},
  ): Promise<EvaluationSummary> {
    const { catalog, auth, store, source, logger } = this.options;
    const now = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    const entities = entityRefs
      ? (
          await catalog.getEntitiesByRefs({ entityRefs }, { credentials })
        ).items.filter((e): e is Entity => Boolean(e))
      : (
          await catalog.getEntities(
            { filter: { kind: this.options.kinds } },
            { credentials },
          )
        ).items;
    const summary: EvaluationSummary = {
      entities: entities.length,
      written: 0,
      unchanged: 0,
      pending: 0,
      pendingRefs: [],
      skipped: [],
      notified: 0,
    };
    if (entities.length === 0) return summary;

    // The conformance and SLO plugins answer for every entity at once; without them no entity
    // can be judged fairly, so the pass stops and yesterday's rows stand.
    let bulk;
    try {
      bulk = await source.readBulk();
    } catch (e) {
      const reason = `conformance or SLO API unavailable: ${
        (e as Error).message
      }`;
      logger.warn(`Scorecard: evaluation skipped, ${reason}`);
      summary.skipped = entities.map(x => ({
        entityRef: stringifyEntityRef(x),
        reason,
      }));
      return summary;
    }
    const refs = entities.map(x => stringifyEntityRef(x));
    const [apis, domains, pushed, exemptions, previousRows] = await Promise.all(
      [
        this.readApis(entities, credentials),
        this.readDomains(entities, credentials),
        store.latestCiResults(refs),
        store.listExemptions(),
        // Each entity's newest stored results, to find the checks that go from pass to fail.
        this.options.notifier
          ? store.listLatest(entityRefs ? { entityRefs: refs } : undefined)
          : Promise.resolve([]),
      ],
    );
    const previous = new Map(previousRows.map(r => [r.entityRef, r.results]));
    const pushedByEntity = new Map<string, Map<string, PushedSignal>>();
    for (const p of pushed) {
      const m = pushedByEntity.get(p.entityRef) ?? new Map();
      m.set(p.checkId, {
        state: p.state,
        message: p.message,
        evidenceUrl: p.evidenceUrl,
        reportedAt: p.reportedAt,
        runId: p.runId,
      });
      pushedByEntity.set(p.entityRef, m);
    }
    const day = now.toISOString().slice(0, 10);
    // Every entity's deployments in a few paged reads, rather than one read per entity; then
    // only entities with a recent production deployment need their coverage read. A small pass
    // (a retry) reads per entity, which is cheaper than paging everything.
    let doraDeployments: Map<string, KnownDeployment[]> | undefined;
    if (entities.length > BULK_DORA_FROM && source.readDoraDeployments) {
      doraDeployments = await source.readDoraDeployments(now).catch(e => {
        logger.warn(
          `Scorecard: reading DORA deployments per entity instead of in pages: ${
            (e as Error).message
          }`,
        );
        return undefined;
      });
    }

    await forEachLimited(entities, 4, async entity => {
      const entityRef = stringifyEntityRef(entity);
      if (options.settledOnly && bulk.conformance.get(entityRef)?.pending) {
        summary.pending++;
        summary.pendingRefs.push(entityRef);
        return;
      }
      let dora;
      try {
        dora = await source.readDora(
          entityRef,
          now,
          doraDeployments && (doraDeployments.get(entityRef) ?? []),
        );
      } catch (e) {
        summary.skipped.push({
          entityRef,
          reason: `DORA API: ${(e as Error).message}`,
        });
        return;
      }
      const signals: EntitySignals = {
        entity,
        providedApis: new Map(
          providedApiRefs(entity).map(ref => [ref, apis.get(ref)]),
        ),
        conformance: bulk.conformance.get(entityRef),
        slos: bulk.slos.get(entityRef) ?? [],
        sloErrors: bulk.sloErrors.get(entityRef) ?? [],
        dora,
        pushed: pushedByEntity.get(entityRef) ?? new Map(),
      };
      const own = exemptions.filter(x => x.entityRef === entityRef);
      const results = applyExemptions(
        evaluateChecks(signals, {
          ciMaxAgeDays: this.options.ciMaxAgeDays,
          now,
        }),
        own,
        now,
      );
      if (results.some(r => r.state === 'pending')) {
        summary.pending++;
        summary.pendingRefs.push(entityRef);
      }
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      const system =
        typeof spec.system === 'string'
          ? stringifyEntityRef(
              parseEntityRef(spec.system, {
                defaultKind: 'system',
                defaultNamespace: entity.metadata.namespace,
              }),
            )
          : undefined;
      const owner =
        typeof spec.owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(spec.owner, {
                defaultKind: 'group',
                defaultNamespace: entity.metadata.namespace,
              }),
            )
          : undefined;
      const row: StoredDay = {
        entityRef,
        title: entity.metadata.title ?? entity.metadata.name,
        owner,
        system,
        domain: system ? domains.get(system) : undefined,
        level: levelOf(results, this.options.levels),
        score: scorecardScore(results),
        day,
        evaluatedAt: now.toISOString(),
        results,
        // The results are a pure function of the signals and the clock (an exemption or a
        // pushed result ages out), so equal results mean there is nothing new to write.
        inputsHash: createHash('sha256')
          .update(JSON.stringify([results, owner, system]))
          .digest('hex'),
      };
      if (await store.saveDay(row)) {
        summary.written++;
        // Only a written row can hold a transition: unchanged results repeat the stored ones.
        if (this.options.notifier) {
          const sent = await this.options.notifier.notifyRegressions(
            { entityRef, title: row.title, owner },
            previous.get(entityRef),
            results,
          );
          summary.notified += sent.length;
        }
      } else {
        summary.unchanged++;
      }
    });
    return summary;
  }

  private async readApis(
    entities: Entity[],
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<Map<string, Entity>> {
    const refs = [...new Set(entities.flatMap(providedApiRefs))];
    if (refs.length === 0) return new Map();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.definition',
        ],
      },
      { credentials },
    );
    const out = new Map<string, Entity>();
    items.forEach((e, i) => e && out.set(refs[i], e));
    return out;
  }

  private async readDomains(
    entities: Entity[],
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<Map<string, string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'System' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.domain'],
      },
      { credentials },
    );
    const out = new Map<string, string>();
    for (const s of items) {
      const domain = (s.spec as { domain?: unknown } | undefined)?.domain;
      if (typeof domain !== 'string') continue;
      out.set(
        stringifyEntityRef(s),
        stringifyEntityRef(
          parseEntityRef(domain, {
            defaultKind: 'domain',
            defaultNamespace: s.metadata.namespace,
          }),
        ),
      );
    }
    return entities.length > 0 ? out : new Map();
  }
}

async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    }),
  );
}
