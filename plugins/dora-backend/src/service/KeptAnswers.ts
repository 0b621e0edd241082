/** How long an answer is reused at most: another instance's refresh pass does not reach us. */
const DEFAULT_TTL_MS = 30_000;
/** A bound on the answers remembered; the oldest goes first. */
const DEFAULT_MAX_ENTRIES = 2_000;

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
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<
    string,
    { version: number; expires: number; answer: Promise<T> }
  >();
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
    if (kept && kept.version === version && kept.expires > now) {
      return kept.answer;
    }
    const answer = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, expires: now + this.ttlMs, answer });
    // A failed read is not kept: the next caller asks again.
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return answer;
  }

  get size() {
    return this.entries.size;
  }
}
