import { createHash } from 'node:crypto';
import { CiResult, Exemption } from '../database/types';
import { KnownDeployment } from './doraDeployments';
import { BulkSignals } from './SignalReader';

const DAY_MS = 86_400_000;
/** The DORA checks count deployments of the 30 days before now (see evaluateChecks). */
const DORA_WINDOW_MS = 30 * DAY_MS;

/** Everything a whole pass judges from, as read at its start. */
export interface PassInputs {
  /** The etag of every entity judged, by ref. */
  judged: Map<string, string>;
  bulk: BulkSignals;
  doraDeployments: Map<string, KnownDeployment[]>;
  /** The newest pushed result of each (entity, check). */
  pushed: CiResult[];
  exemptions: Exemption[];
}

/** What one entity's results were judged from, and until when they hold without a change. */
export interface EntityFingerprint {
  fingerprint: string;
  validUntil: number;
}

/** An entity as last judged: its fingerprint, and the other entities its checks read. */
export interface JudgedEntity extends EntityFingerprint {
  /**
   * The System and APIs it read (their refs) with their etags then, undefined
   * for one not in the catalog: a change of one of them judges it again. Which ones is known
   * from its body only, so they are kept from when it was judged (its own etag covers a change
   * of which).
   */
  reads: [string, string | undefined][];
  pending: boolean;
}

/**
 * Whether an entity must be judged again: never judged, its own inputs changed, a System or
 * API it read changed (`versions`: their etags by ref), or a time in its inputs has
 * crossed a threshold.
 */
export function isDue(
  last: JudgedEntity | undefined,
  current: EntityFingerprint,
  versions: Map<string, string>,
  now: Date,
): boolean {
  return (
    !last ||
    last.fingerprint !== current.fingerprint ||
    now.getTime() >= last.validUntil ||
    last.reads.some(([ref, etag]) => versions.get(ref) !== etag)
  );
}

/** Which entities of a whole pass are judged, and what the others count as. */
export interface DueSelection {
  /** Refs to judge, in the fingerprints' order. */
  due: string[];
  /** Entities never judged by this instance (judged now or deferred). */
  arrived: number;
  /** Entities left pending: deferred arrivals, and those still pending as last judged. */
  pending: number;
  /** Arrivals left for a later pass (`waits`). */
  deferred: number;
}

/**
 * The entities whose inputs changed since they were last judged ({@link isDue}), but not the
 * arrivals `waits` holds back (never judged, waiting for an input that a later pass will have).
 */
export function selectDue(
  fingerprints: Map<string, EntityFingerprint>,
  lastJudged: Map<string, JudgedEntity>,
  options: {
    /** The etags of the Systems and APIs, by ref, as this pass read them. */
    shared: Map<string, string>;
    now: Date;
    waits: (ref: string) => boolean;
  },
): DueSelection {
  const out: DueSelection = { due: [], arrived: 0, pending: 0, deferred: 0 };
  for (const [ref, f] of fingerprints) {
    const last = lastJudged.get(ref);
    if (!last && options.waits(ref)) {
      out.arrived++;
      out.pending++;
      out.deferred++;
    } else if (isDue(last, f, options.shared, options.now)) {
      out.due.push(ref);
      if (!last) out.arrived++;
    } else if (last!.pending) {
      // Still pending as last judged: judged again once conformance answers.
      out.pending++;
    }
  }
  return out;
}

function groupBy<T extends { entityRef: string }>(items: T[]) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.entityRef);
    if (list) list.push(item);
    else out.set(item.entityRef, [item]);
  }
  return out;
}

/**
 * One hash per judged entity of the inputs its results are a function of: equal hashes on the
 * same day, before the entity's `validUntil`, give equal results, so it need not be judged
 * again. Only what the checks read goes in (a conformance report's `evaluatedAt` changes at
 * every re-judgement and no check reads it).
 */
export function entityFingerprints(
  inputs: PassInputs,
  now: Date,
  ciMaxAgeDays: number,
): Map<string, EntityFingerprint> {
  const pushed = groupBy(inputs.pushed);
  const exemptions = groupBy(inputs.exemptions);
  const out = new Map<string, EntityFingerprint>();
  for (const [ref, etag] of inputs.judged) {
    const c = inputs.bulk.conformance.get(ref);
    const own = {
      doraDeployments: inputs.doraDeployments.get(ref) ?? [],
      // The newest result of each check: one per check id.
      pushed: [...(pushed.get(ref) ?? [])].sort((a, b) =>
        a.checkId.localeCompare(b.checkId, 'en-US'),
      ),
      exemptions: [...(exemptions.get(ref) ?? [])].sort((a, b) => a.id - b.id),
    };
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          ref,
          etag,
          c && [c.pending, c.workloadCount, c.verdicts, c.findings],
          inputs.bulk.slos.get(ref),
          inputs.bulk.sloErrors.get(ref),
          own.doraDeployments,
          own.pushed,
          own.exemptions,
        ]),
      )
      .digest('hex');
    out.set(ref, {
      fingerprint,
      validUntil: nextTimeChange(
        {
          doraDeployments: new Map([[ref, own.doraDeployments]]),
          pushed: own.pushed,
          exemptions: own.exemptions,
        },
        now,
        ciMaxAgeDays,
      ),
    });
  }
  return out;
}

/**
 * The first instant after `now` at which the same inputs could judge differently, because a
 * check compares a time of theirs with the clock: a production deployment leaves (or, finished
 * now or later, enters) the 30-day window, a pushed result grows older than `ciMaxAgeDays`, an
 * exemption expires, or the day ends (each day has its own row).
 */
export function nextTimeChange(
  inputs: Pick<PassInputs, 'doraDeployments' | 'pushed' | 'exemptions'>,
  now: Date,
  ciMaxAgeDays: number,
): number {
  const t = now.getTime();
  let next = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate() + 1,
  );
  const consider = (instant: number) => {
    if (Number.isFinite(instant) && instant > t && instant < next) {
      next = instant;
    }
  };
  for (const list of inputs.doraDeployments.values()) {
    for (const d of list) {
      const finished = Date.parse(d.finishedAt);
      // The coverage counts a deployment once it finished before now (the API's `to` is
      // exclusive): one finished at or after now enters it 1 ms after it finished.
      consider(finished + 1);
      // In the window while finished >= now - 30 d: it leaves 1 ms after finished + 30 d.
      consider(finished + DORA_WINDOW_MS + 1);
    }
  }
  for (const p of inputs.pushed) {
    // Too old once now - reportedAt > max age.
    consider(Date.parse(p.reportedAt) + ciMaxAgeDays * DAY_MS + 1);
  }
  for (const e of inputs.exemptions) {
    if (!e.revokedAt) consider(Date.parse(e.expiresAt));
  }
  return next;
}
