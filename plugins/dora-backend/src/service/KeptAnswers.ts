/** How long an answer is reused at most: another instance's refresh pass does not reach us. */
const DEFAULT_TTL_MS = 30_000;
/** A bound on the answers remembered; the oldest goes first. */
const DEFAULT_MAX_ENTRIES = 2_000;

interface Entry<T> {
  version: number;
  expires: number;
  answer: Promise<T>;
  settled: boolean;
  /** A successor is being computed in the background. */
  renewing?: boolean;
}

export interface KeptAnswersOptions {
  /**
   * Changes whenever what an answer is computed from changes (the store's ingests and refresh
   * passes in this process). An answer computed under another version is never handed out.
   */
  version: () => number;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Answers of an expensive read kept by key until the data they were computed from changes, or
 * `ttlMs` passes, whichever comes first; concurrent askers of the same key share one
 * computation. The leads page asks the same organisation and team figures on every view, and
 * between two refresh passes they cannot differ except by the window sliding, which the TTL
 * bounds (the answer carries the window it was computed for).
 *
 * An answer past its TTL whose data did not change is still handed out while its successor is
 * computed in the background (once), for at most another TTL: otherwise every kept answer
 * expires together and the next readers all wait for the recomputation. After a change, the
 * caller waits for the new answer.
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: KeptAnswersOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const version = this.options.version();
    const now = this.now();
    const kept = this.entries.get(key);
    if (kept && kept.version === version) {
      if (kept.expires > now) return kept.answer;
      if (kept.settled && kept.expires + this.ttlMs > now) {
        if (!kept.renewing) {
          kept.renewing = true;
          this.keep(key, version, now, compute(), kept).catch(() => {
            kept.renewing = false;
          });
        }
        return kept.answer;
      }
    }
    return this.keep(key, version, now, compute());
  }

  /** `predecessor`: a renewal in the background, which replaces it once ready. */
  private keep(
    key: string,
    version: number,
    now: number,
    answer: Promise<T>,
    predecessor?: Entry<T>,
  ) {
    const entry: Entry<T> = {
      version,
      expires: now + this.ttlMs,
      answer,
      settled: false,
    };
    if (!predecessor) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    answer.then(
      () => {
        entry.settled = true;
        // Unless a newer answer took its place meanwhile (after a change).
        if (predecessor && this.entries.get(key) === predecessor) {
          this.entries.delete(key);
          this.entries.set(key, entry);
          this.bound();
        }
      },
      // A failed read is not kept: the next caller asks again.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.bound();
    return answer;
  }

  private bound() {
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size() {
    return this.entries.size;
  }
}
