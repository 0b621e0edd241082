import { InputError, NotFoundError } from '@backstage/errors';
import {
  GateDecision,
  SeriesPoint,
  SloMonth,
  calendarMonth,
  gateDecision,
  monthAttainment,
  nominalWindowSeconds,
  rollingWindowSeries,
} from '@internal/plugin-slo-common';
import { RangeSum, SloRollupStore } from '../database/SloRollupStore';
import { RegisteredSlo, SloRegistry } from '../specs/SloRegistry';
import { SpecError } from '../specs/SloSpecProvider';
import { SloScope, inScope } from '../specs/sloScope';
import { SloStatus } from '../state/computeSloState';
import { SharedRuns, SloStates, SloWithState } from './SloStates';

export type { SloWithState } from './SloStates';

export interface SloFilter extends SloScope {
  status?: SloStatus;
  sort?: 'budget' | 'id';
}

const MAX_HISTORY_POINTS = 10_000;
const MAX_KEPT_HISTORIES = 1_000;

/** Joins the spec registry with the rollups; everything the router answers comes from here. */
export class SloService {
  constructor(
    private readonly deps: {
      registry: SloRegistry;
      store: SloRollupStore;
      staleAfterSeconds?: number;
      /** `slo.gate.onSpecError`: whether a broken spec denies the entity's deploys (default). */
      onSpecError?: 'deny' | 'allow';
      now?: () => number;
    },
  ) {
    this.states = new SloStates({
      registry: deps.registry,
      store: deps.store,
      staleAfterSeconds: deps.staleAfterSeconds,
      now: () => this.now(),
    });
  }

  private readonly states: SloStates;

  private readonly shared = new SharedRuns();

  /**
   * The history of collected SLOs by id and step, kept like the range sums in {@link SloStates}: the
   * points follow from the buckets up to the evaluation time, so they stay the same until the
   * next collection. Bounded, oldest out first, as the step is the caller's choice.
   */
  private readonly keptHistory = new Map<
    string,
    { key: string; history: SeriesPoint[] }
  >();

  now(): number {
    return this.deps.now?.() ?? Math.floor(Date.now() / 1000);
  }

  async list(filter: SloFilter = {}): Promise<SloWithState[]> {
    const selected = this.deps.registry.list().filter(s => inScope(s, filter));
    const items = (await this.states.withState(selected)).filter(
      s => !filter.status || s.state.status === filter.status,
    );
    const byId = (a: SloWithState, b: SloWithState) =>
      a.slo.id.localeCompare(b.slo.id);
    if (filter.sort === 'budget') {
      // Least remaining first; no data last.
      const key = (s: SloWithState) => s.state.budgetRemaining ?? Infinity;
      return items.sort((a, b) => key(a) - key(b) || byId(a, b));
    }
    return items.sort(byId);
  }

  /**
   * Every matching SLO's figures over one UTC calendar month, summed from the month's stored
   * buckets (hourly and daily rollups plus 5-minute edges, as the state is). Month edges fall on
   * bucket edges, so the buckets starting in the month are exactly the month's events.
   */
  async month(month: string, filter: SloScope = {}): Promise<SloMonth> {
    let range: { from: number; to: number };
    try {
      range = calendarMonth(month);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const selected = this.deps.registry
      .list()
      .filter(s => inScope(s, filter))
      .sort((a, b) => a.slo.id.localeCompare(b.slo.id));
    const sums =
      selected.length > 0
        ? await this.deps.store.sumRanges(
            selected.map(s => ({ sloId: s.slo.id, ranges: [range] })),
          )
        : new Map<string, RangeSum[]>();
    const orNull = <T>(v: T | undefined) => (v === undefined ? null : v);
    return {
      month,
      ...range,
      complete: range.to <= this.now(),
      items: selected.map(s => {
        const { good, total, lastBucket } = sums.get(s.slo.id)![0];
        const a = monthAttainment({ good, total, target: s.slo.target });
        return {
          slo: s.slo,
          entityRef: s.entityRef,
          ...(s.owner ? { owner: s.owner } : {}),
          ...(s.system ? { system: s.system } : {}),
          good,
          total,
          sli: orNull(a.sli),
          met: orNull(a.met),
          // A 100% objective with a bad event has an unbounded overspend; JSON has no -Infinity.
          budgetRemaining: Number.isFinite(a.budgetRemaining)
            ? a.budgetRemaining!
            : null,
          budgetConsumed: Number.isFinite(a.budgetConsumed)
            ? a.budgetConsumed!
            : null,
          ...(lastBucket !== undefined ? { lastBucket } : {}),
        };
      }),
    };
  }

  async get(
    id: string,
    resolutionSeconds: number,
  ): Promise<SloWithState & { history: SeriesPoint[] }> {
    return this.shared.run(`slo\n${id}\n${resolutionSeconds}`, () =>
      this.readSlo(id, resolutionSeconds),
    );
  }

  private async readSlo(
    id: string,
    resolutionSeconds: number,
  ): Promise<SloWithState & { history: SeriesPoint[] }> {
    const registered = this.deps.registry.get(id);
    if (!registered) throw new NotFoundError(`No SLO with id ${id}`);
    const bucket = this.deps.store.bucketSeconds;
    if (resolutionSeconds < bucket || resolutionSeconds % bucket !== 0) {
      throw new InputError(
        `resolution: must be a multiple of ${
          bucket % 60 === 0 ? `${bucket / 60}m` : `${bucket}s`
        }, got ${resolutionSeconds}s`,
      );
    }
    const windowSeconds = nominalWindowSeconds(registered.slo.window);
    if (windowSeconds / resolutionSeconds > MAX_HISTORY_POINTS) {
      throw new InputError(
        `resolution: ${resolutionSeconds}s would give more than ${MAX_HISTORY_POINTS} points over the SLO window; use a larger step`,
      );
    }
    const now = this.now();
    const collection = (await this.deps.store.getCollectionStates([id])).get(
      id,
    );
    const [withState] = await this.states.withState([registered], now);
    // Points over the last window length, each summarising the rolling window ending at t; the
    // last point is the first step boundary at or after the evaluation time, where data ends.
    const to =
      Math.ceil(withState.state.evaluatedAt / resolutionSeconds) *
      resolutionSeconds;
    const from = to - windowSeconds + resolutionSeconds;
    const keptId = `${id}\n${resolutionSeconds}`;
    const key =
      collection?.lastBucket === undefined
        ? undefined
        : JSON.stringify([
            collection.lastBucket,
            collection.lastSuccessAt,
            from,
            to,
            registered.slo.target,
          ]);
    const kept = this.keptHistory.get(keptId);
    if (key !== undefined && kept?.key === key) {
      return { ...withState, history: kept.history };
    }
    // With whole hours for the window and the step, every point sums whole hours: hourly sums
    // give the same points from 12× fewer rows.
    const read =
      resolutionSeconds % 3600 === 0 && windowSeconds % 3600 === 0
        ? this.deps.store.readHourlyBuckets
        : this.deps.store.readBuckets;
    const buckets = await read.call(
      this.deps.store,
      id,
      from - windowSeconds,
      to,
    );
    const history = rollingWindowSeries(
      buckets,
      windowSeconds,
      resolutionSeconds,
      registered.slo.target,
      { from, to },
    );
    if (key !== undefined) {
      this.keptHistory.delete(keptId);
      this.keptHistory.set(keptId, { key, history });
      if (this.keptHistory.size > MAX_KEPT_HISTORIES) {
        this.keptHistory.delete(this.keptHistory.keys().next().value!);
      }
    }
    return { ...withState, history };
  }

  async entity(entityRef: string): Promise<{
    entityRef: string;
    owner?: string;
    system?: string;
    slos: SloWithState[];
    errors: SpecError[];
  }> {
    const entry = this.deps.registry.entity(entityRef);
    if (!entry) {
      throw new NotFoundError(
        `No SLO specs for ${entityRef}: the entity does not exist or has no portal.io/slo-spec annotation`,
      );
    }
    const slos = await this.states.withState(
      entry.slos.map(slo => this.deps.registry.get(slo.id)!).filter(Boolean),
    );
    return {
      entityRef,
      ...(entry.owner ? { owner: entry.owner } : {}),
      ...(entry.system ? { system: entry.system } : {}),
      slos,
      errors: entry.errors,
    };
  }

  /** The SLOs of an entity and/or one SLO by id (both: the SLO must belong to the entity); all without either. */
  select(filter: { entityRef?: string; id?: string }): RegisteredSlo[] {
    let selected = this.deps.registry.list();
    if (filter.entityRef) {
      if (!this.deps.registry.entity(filter.entityRef)) {
        throw new NotFoundError(
          `No SLO specs for ${filter.entityRef}: the entity does not exist or has no portal.io/slo-spec annotation`,
        );
      }
      selected = selected.filter(s => s.entityRef === filter.entityRef);
    }
    if (filter.id) {
      selected = selected.filter(s => s.slo.id === filter.id);
      if (selected.length === 0) {
        throw new NotFoundError(
          `No SLO with id ${filter.id}${
            filter.entityRef ? ` in ${filter.entityRef}` : ''
          }`,
        );
      }
    }
    return selected.sort((a, b) => a.slo.id.localeCompare(b.slo.id));
  }

  /** Fails open: an entity the registry does not know has no SLOs, so nothing blocks. */
  async gate(entityRef: string, changeType?: string): Promise<GateDecision> {
    const entry = this.deps.registry.entity(entityRef);
    const registered = (entry?.slos ?? [])
      .map(slo => this.deps.registry.get(slo.id))
      .filter((s): s is RegisteredSlo => Boolean(s));
    const slos = await this.states.withState(registered);
    const decision = gateDecision({
      slos: slos.map(s => ({
        slo: s.slo,
        remainingFraction: s.state.budgetRemaining,
        stale: s.state.stale,
      })),
      changeType,
      specErrors: entry?.errors,
      onSpecError: this.deps.onSpecError,
    });
    return decision;
  }
}
