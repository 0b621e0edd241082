import { RangeSum, SloRollupStore } from '../database/SloRollupStore';
import { RegisteredSlo, SloRegistry } from '../specs/SloRegistry';
import {
  SloState,
  evaluationTimeOf,
  stateFromSums,
  stateRanges,
} from '../state/computeSloState';

export interface SloWithState extends RegisteredSlo {
  state: SloState;
}

/**
 * State computations and SLO reads running now, by what they read: a request that asks for
 * the same while one runs shares its answer instead of sending the same queries again. Pages
 * read the same few SLOs, so under many readers this keeps the database work per SLO, not per
 * reader. Nothing is kept once the computation ends, so no answer is older than the request.
 */
export class SharedRuns {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let result = this.running.get(key) as Promise<T> | undefined;
    if (!result) {
      result = compute().finally(() => this.running.delete(key));
      this.running.set(key, result);
    }
    return result;
  }
}

/** The SLOs' current states, from the rollups the collector writes. */
export class SloStates {
  constructor(
    private readonly deps: {
      registry: SloRegistry;
      store: SloRollupStore;
      staleAfterSeconds?: number;
      now: () => number;
    },
  ) {}

  private readonly shared = new SharedRuns();

  /**
   * The range sums of collected SLOs with what they were summed for: the ranges (which follow
   * from the evaluation time, the end of the newest collected bucket) and the collection state.
   * The collector writes an SLO's buckets and its state in one transaction, so sums for the
   * same state and ranges are the same sums until the next collection cycle; every reader in
   * between gets them without the range queries. The state itself (status, staleness) is still
   * computed for each request from these sums and the current time. One entry per SLO.
   */
  private readonly keptSums = new Map<
    string,
    { key: string; sums: RangeSum[] }
  >();

  /**
   * Every SLO's state from range sums the store computes for all of them at once (hourly and
   * daily rollups plus 5-minute edges), equal to {@link computeSloState} over raw buckets.
   * Each SLO is evaluated at the end of its newest collected bucket; SLOs collected in the
   * same cycle share that time and so share every range query.
   */
  async withState(slos: RegisteredSlo[], now?: number) {
    // A caller's own evaluation time is computed for it alone.
    if (now !== undefined) return this.computeState(slos, now);
    return this.shared.run(`state\n${slos.map(s => s.slo.id).join('\n')}`, () =>
      this.computeState(slos, this.deps.now()),
    );
  }

  private async computeState(
    slos: RegisteredSlo[],
    now: number,
  ): Promise<SloWithState[]> {
    const ids = slos.map(s => s.slo.id);
    const collection = await this.deps.store.getCollectionStates(ids);
    // Only SLOs the collector has never recorded (demo or written directly) need the store.
    const stored = await this.deps.store.lastBuckets(
      ids.filter(id => collection.get(id)?.lastBucket === undefined),
    );
    const at = ids.map(id =>
      evaluationTimeOf(
        stored.get(id),
        collection.get(id),
        now,
        this.deps.store.bucketSeconds,
      ),
    );
    const requests = slos.map((s, i) => {
      const ranges = stateRanges(s.slo, at[i]);
      return {
        sloId: s.slo.id,
        ranges: [ranges.window, ranges.lookback, ...ranges.alertWindows],
      };
    });
    const keys = requests.map(r => {
      const state = collection.get(r.sloId);
      // SLOs the collector does not record (demo data written directly) are always summed.
      return state?.lastBucket === undefined
        ? undefined
        : JSON.stringify([state.lastBucket, state.lastSuccessAt, r.ranges]);
    });
    const sums = new Map<string, RangeSum[]>();
    requests.forEach((r, i) => {
      const kept = this.keptSums.get(r.sloId);
      if (keys[i] !== undefined && kept?.key === keys[i]) {
        sums.set(r.sloId, kept.sums);
      }
    });
    const missing = requests.filter(r => !sums.has(r.sloId));
    const summed =
      missing.length > 0
        ? await this.deps.store.sumRanges(missing)
        : new Map<string, RangeSum[]>();
    requests.forEach((r, i) => {
      const fresh = summed.get(r.sloId);
      if (!fresh) return;
      sums.set(r.sloId, fresh);
      const key = keys[i];
      if (key !== undefined) this.keptSums.set(r.sloId, { key, sums: fresh });
    });
    // SLOs no longer registered are not kept.
    if (this.keptSums.size > this.deps.registry.list().length) {
      const registered = new Set(this.deps.registry.list().map(s => s.slo.id));
      for (const id of this.keptSums.keys()) {
        if (!registered.has(id)) this.keptSums.delete(id);
      }
    }
    return slos.map((s, i): SloWithState => {
      const [window, lookback, ...alertWindows] = sums.get(s.slo.id)!;
      return {
        ...s,
        state: stateFromSums(
          s.slo,
          { window, alertWindows, lastBucket: lookback.lastBucket },
          at[i],
          {
            now,
            collection: collection.get(s.slo.id),
            staleAfterSeconds: this.deps.staleAfterSeconds,
          },
        ),
      };
    });
  }
}
