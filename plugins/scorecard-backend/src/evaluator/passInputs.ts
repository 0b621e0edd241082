import { createHash } from 'node:crypto';
import { CiResult, Exemption } from '../database/types';
import { KnownDeployment } from './doraDeployments';
import { BulkSignals } from './SignalReader';

const DAY_MS = 86_400_000;
/** The DORA checks count deployments of the 30 days before now (see evaluateChecks). */
const DORA_WINDOW_MS = 30 * DAY_MS;

/** Everything a whole pass judges from, as read at its start. */
export interface PassInputs {
  /** `ref etag` of every entity judged, and of the APIs and Systems their checks read. */
  catalog: string[];
  bulk: BulkSignals;
  doraDeployments: Map<string, KnownDeployment[]>;
  /** The newest pushed result of each (entity, check). */
  pushed: CiResult[];
  exemptions: Exemption[];
}

/**
 * One hash of a pass's inputs: equal hashes on the same day, before {@link nextTimeChange},
 * give equal results, so the pass has nothing to write. Only what the checks read goes in (a
 * conformance report's `evaluatedAt` changes at every re-judgement and no check reads it).
 */
export function fingerprintOf(inputs: PassInputs): string {
  const hash = createHash('sha256');
  const add = (value: unknown) => hash.update(JSON.stringify(value) ?? '');
  add([...inputs.catalog].sort());
  const sorted = <T>(m: Map<string, T>) =>
    [...m].sort((a, b) => a[0].localeCompare(b[0], 'en-US'));
  for (const [ref, c] of sorted(inputs.bulk.conformance)) {
    add([ref, c.pending, c.workloadCount, c.verdicts, c.findings]);
  }
  add(sorted(inputs.bulk.slos));
  add(sorted(inputs.bulk.sloErrors));
  add(sorted(inputs.doraDeployments));
  add(inputs.pushed.map(p => JSON.stringify(p)).sort());
  add([...inputs.exemptions].sort((a, b) => a.id - b.id));
  return hash.digest('hex');
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
