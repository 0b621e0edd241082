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
import { forEachLimited } from './forEachLimited';
import { EntitySignals, PushedSignal } from '../checks/signals';
import { ScorecardStore, StoredDay } from '../database/ScorecardStore';
import { ScorecardNotifier } from '../notifications/ScorecardNotifier';
import { SignalSource } from './SignalReader';
import { readApis, readDomains, readVersions } from './catalogReads';
import { KnownDeployment } from './doraDeployments';
import { JudgedEntity, entityFingerprints, selectDue } from './passInputs';

/** Passes over more entities than this read DORA deployments in pages, not per entity. */
const BULK_DORA_FROM = 50;
/** Entities read, judged and stored together. */
const SLICE = 500;

export interface EvaluationSummary {
  entities: number;
  /**
   * Entities judged by this pass: in a whole pass, those whose inputs changed since they were
   * last judged (or whose results could have aged); the others' rows stand.
   */
  judged: number;
  /** Day rows written because the entity's signals changed (or the day is new). */
  written: number;
  unchanged: number;
  /** Entities with a check still waiting for its source (pending), to be judged again soon. */
  pending: number;
  /**
   * Of those, entities this instance had never judged and left unjudged because conformance
   * has not judged them yet (`deferPending`): judged once, when it has, not twice.
   */
  deferred: number;
  /**
   * Entities of a whole pass this instance had never judged (new in the catalog, or the first
   * pass after a start): while they keep arriving, the next pass comes soon.
   */
  arrived: number;
  /** Entities skipped because a source did not answer; their last row stands. */
  skipped: { entityRef: string; reason: string }[];
  /** (entity, check) pairs that went from pass to fail and whose owners were notified. */
  notified: number;
  /**
   * True when a whole pass found every entity's inputs as they were when it was last judged
   * (and no time in them has crossed a threshold since): nothing was judged, every row stands.
   */
  passSkipped: boolean;
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
  /**
   * The share of a whole pass's time spent working (0 < dutyCycle <= 1, default 1): after each
   * page the pass rests so that the catalog's and the pages' own requests have the machine the
   * rest of the time. A pass on request never rests: someone waits for it.
   */
  dutyCycle?: number;
  now?: () => Date;
  /** How the pass rests between pages (tests count the rests). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Judges entities from the other plugins' signals and stores one row per entity per day. A row
 * is written only when the signals differ from those of the row already stored for the day, so
 * a pass over an unchanged portal writes nothing, and the first pass of a day writes the day.
 */
export class ScorecardEvaluator {
  private readonly now: () => Date;
  /**
   * What each entity was last judged from by a whole pass, and until when its results hold
   * without a change: a pass judges only the entities whose inputs differ, so the catalog's
   * arrivals are judged as they come rather than all again after the last one.
   */
  private readonly lastJudged = new Map<string, JudgedEntity>();

  constructor(private readonly options: EvaluatorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Every entity of the configured kinds whose inputs changed, or only `entityRefs`, all.
   * `deferPending` (a whole pass that another pass will follow): an entity never judged by
   * this instance whose conformance is still pending is left for that pass, rather than judged
   * now as pending and again once conformance answers.
   */
  async evaluate(
    entityRefs?: string[],
    options: { deferPending?: boolean } = {},
  ): Promise<EvaluationSummary> {
    const { catalog, auth, store, source, logger } = this.options;
    const now = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    // A whole pass first reads what could change its results, cheaply (the catalog's etags, not
    // its entities); when nothing did since the last pass, it stops there.
    const versions = entityRefs
      ? undefined
      : await readVersions(catalog, this.options.kinds, credentials);
    const summary: EvaluationSummary = {
      entities: versions ? versions.judged.size : 0,
      judged: 0,
      arrived: 0,
      written: 0,
      unchanged: 0,
      pending: 0,
      deferred: 0,
      skipped: [],
      notified: 0,
      passSkipped: false,
    };
    if (versions && versions.judged.size === 0) {
      this.lastJudged.clear();
      return summary;
    }

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
      summary.skipped = (entityRefs ?? [...versions!.judged.keys()]).map(
        entityRef => ({
          entityRef,
          reason,
        }),
      );
      return summary;
    }
    // Every entity's deployments in a few paged reads, rather than one read per entity; then
    // only entities with a recent production deployment need their coverage read. A small pass
    // (one entity evaluated on request, a small catalog) reads per entity, which is cheaper
    // than paging everything.
    const passSize = entityRefs ? entityRefs.length : versions!.judged.size;
    let doraDeployments: Map<string, KnownDeployment[]> | undefined;
    if (passSize > BULK_DORA_FROM && source.readDoraDeployments) {
      doraDeployments = await source.readDoraDeployments(now).catch(e => {
        logger.warn(
          `Scorecard: reading DORA deployments per entity instead of in pages: ${
            (e as Error).message
          }`,
        );
        return undefined;
      });
    }
    const [pushed, exemptions] = await Promise.all([
      store.latestCiResults(entityRefs),
      store.listExemptions(),
    ]);
    // Without the paged deployments a pass's DORA inputs are read entity by entity, during the
    // pass: such a pass (a small catalog) is judged whole every time.
    const fingerprints =
      versions && doraDeployments
        ? entityFingerprints(
            {
              judged: versions.judged,
              bulk,
              doraDeployments,
              pushed,
              exemptions,
            },
            now,
            this.options.ciMaxAgeDays,
          )
        : undefined;
    let due = entityRefs;
    if (fingerprints) {
      for (const ref of this.lastJudged.keys()) {
        if (!fingerprints.has(ref)) this.lastJudged.delete(ref);
      }
      const selection = selectDue(fingerprints, this.lastJudged, {
        shared: versions!.shared,
        now,
        // An arrival conformance has not judged yet waits for a later pass.
        waits: options.deferPending
          ? ref => Boolean(bulk.conformance.get(ref)?.pending)
          : () => false,
      });
      summary.arrived += selection.arrived;
      summary.pending += selection.pending;
      summary.deferred += selection.deferred;
      if (selection.due.length === 0) {
        summary.unchanged = summary.entities - summary.deferred;
        summary.passSkipped = true;
        return summary;
      }
      if (selection.due.length < fingerprints.size) {
        due = selection.due;
        summary.unchanged = fingerprints.size - due.length - summary.deferred;
      }
    }

    // Read a page at a time (never the whole catalog's entities at once), judged and stored
    // before the next: memory stays bounded at 10,000 entities, and the catalog's own requests
    // are served between pages.
    const pages: AsyncIterable<Entity[]> = due
      ? (async function* byRefs(refs: string[]) {
          for (let i = 0; i < refs.length; i += SLICE) {
            yield (
              await catalog.getEntitiesByRefs(
                { entityRefs: refs.slice(i, i + SLICE) },
                { credentials },
              )
            ).items.filter((e): e is Entity => Boolean(e));
          }
        })(due)
      : catalog.streamEntities(
          { filter: { kind: this.options.kinds }, pageSize: SLICE },
          { credentials },
        );
    const domains = await readDomains(catalog, credentials);
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
    let apis = new Map<string, Entity>();
    /** The System and APIs each judged entity read, by ref. */
    const readsOf = new Map<string, string[]>();

    const judge = async (entity: Entity): Promise<StoredDay | undefined> => {
      const entityRef = stringifyEntityRef(entity);
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
        return undefined;
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
      readsOf.set(entityRef, [
        ...(system ? [system] : []),
        ...providedApiRefs(entity),
      ]);
      const title = entity.metadata.title ?? entity.metadata.name;
      const domain = system ? domains.get(system) : undefined;
      return {
        entityRef,
        title,
        owner,
        system,
        domain,
        level: levelOf(results, this.options.levels),
        score: scorecardScore(results),
        day,
        evaluatedAt: now.toISOString(),
        results,
        // The results are a pure function of the signals and the clock (an exemption or a
        // pushed result ages out), so equal results, names and places mean there is nothing
        // new to write; a System moved to another domain is.
        inputsHash: createHash('sha256')
          .update(JSON.stringify([results, owner, system, domain, title]))
          .digest('hex'),
      };
    };

    const dutyCycle = entityRefs ? 1 : this.options.dutyCycle ?? 1;
    const sleep =
      this.options.sleep ??
      ((ms: number) => new Promise<void>(r => setTimeout(r, ms)));
    let pageStarted = performance.now();
    for await (const page of pages) {
      summary.judged += page.length;
      if (page.length === 0) continue;
      const [pageApis, previousRows] = await Promise.all([
        readApis(catalog, page, credentials),
        // Each entity's newest stored results, to find the checks that go from pass to fail.
        this.options.notifier
          ? store.listLatest({
              entityRefs: page.map(e => stringifyEntityRef(e)),
            })
          : Promise.resolve([]),
      ]);
      apis = pageApis;
      const previous = new Map(previousRows.map(r => [r.entityRef, r.results]));
      // Stored a page at a time: one read of the stored hashes per 200 rows, not one per entity.
      const rows: StoredDay[] = [];
      await forEachLimited(page, 4, async entity => {
        const row = await judge(entity);
        if (row) rows.push(row);
      });
      const written = await store.saveDays(rows);
      summary.written += written.size;
      summary.unchanged += rows.length - written.size;
      // Stored: these results stand for the same inputs. An entity left unjudged (its DORA
      // read failed) or new since the pass read the catalog is judged again next pass, and so
      // is one judged on request (from inputs no fingerprint describes).
      for (const row of rows) {
        const f = fingerprints?.get(row.entityRef);
        if (f) {
          this.lastJudged.set(row.entityRef, {
            ...f,
            reads: (readsOf.get(row.entityRef) ?? []).map(ref => [
              ref,
              versions!.shared.get(ref),
            ]),
            pending: row.results.some(r => r.state === 'pending'),
          });
        } else {
          this.lastJudged.delete(row.entityRef);
        }
      }
      // Only a written row can hold a transition: unchanged results repeat the stored ones.
      if (this.options.notifier) {
        for (const row of rows) {
          if (!written.has(row.entityRef)) continue;
          const sent = await this.options.notifier.notifyRegressions(
            { entityRef: row.entityRef, title: row.title, owner: row.owner },
            previous.get(row.entityRef),
            row.results,
          );
          summary.notified += sent.length;
        }
      }
      // The page's time includes its catalog read: the catalog's database works for the pass
      // then too. The rest comes before the next page is read, also after the last one (the
      // pass cannot know it was the last), which only delays the pass's end.
      if (dutyCycle < 1) {
        const worked = performance.now() - pageStarted;
        await sleep((worked * (1 - dutyCycle)) / dutyCycle);
      }
      pageStarted = performance.now();
    }
    // A pass on request, or one that read the whole catalog, counts the entities it was given.
    const partial = due !== undefined && !entityRefs;
    if (!partial) summary.entities = summary.judged;
    return summary;
  }
}
