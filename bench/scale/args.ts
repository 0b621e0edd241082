export const HEAP_PROFILE_MODES = ['live', 'promoted', 'all'] as const;
export type HeapProfileMode = (typeof HEAP_PROFILE_MODES)[number];

/** Command-line options of `yarn bench:scale`; `--quick` shortens every window for a smoke run. */
export interface ScaleOptions {
  components: number;
  requests: number;
  /** The quiet window right after the latency runs (RSS at its end, CPU during it). */
  afterS: number;
  /** The following quiet window: CPU-seconds used while nothing changes. */
  idleS: number;
  /** RSS peak windows of the ready runs: the first `earlyS` s after spawn, then `lateS` s. */
  earlyS: number;
  lateS: number;
  readyRuns: number;
  /**
   * `--scale-runs N`: scale runs per app, alternating stock and the portal; the table shows each
   * figure's median, and a second table every pair.
   */
  scaleRuns: number;
  ingestTimeoutS: number;
  /** The apps measured (`--apps portal` for a run of the portal alone: no table, its figures). */
  apps: ('stock' | 'portal')[];
  /** `--profile-idle`: a CPU profile of each app's idle window, summarized in the log (slows it). */
  profileIdle: boolean;
  /**
   * `--heap-profile live|promoted|all`: a sampling heap profile from readiness to the end of the
   * RSS window, of what is still alive then (`live`), of that and what a full collection freed
   * (`promoted`: garbage that outlived the young generation, which is what grows the old
   * space), or of everything allocated (`all`).
   */
  heapProfile?: HeapProfileMode;
  /** `--profile-ingest`: a CPU profile from readiness until every component is served. */
  profileIngest: boolean;
  /**
   * `--profile-after`: a CPU profile from then until the end of the first quiet window (the
   * latency requests and the window after them).
   */
  profileAfter: boolean;
  /** `--no-ready`: skips the ready runs. */
  readyRunsSkipped: boolean;
  /** `--no-scale`: skips the scale runs (the ready runs alone, for start-up work). */
  scaleRunsSkipped: boolean;
}

export function parseScaleArgs(argv: string[]): ScaleOptions {
  const quick = argv.includes('--quick');
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) {
      throw new Error(`${flag} needs a positive number, got ${argv[i + 1]}`);
    }
    return n;
  };
  const appsAt = argv.indexOf('--apps');
  const apps = (appsAt < 0 ? 'stock,portal' : argv[appsAt + 1] ?? '').split(
    ',',
  );
  for (const a of apps) {
    if (a !== 'stock' && a !== 'portal') {
      throw new Error(`--apps takes stock, portal or both, got ${a}`);
    }
  }
  const heapAt = argv.indexOf('--heap-profile');
  const heapProfile = heapAt < 0 ? undefined : argv[heapAt + 1];
  if (
    heapProfile !== undefined &&
    !HEAP_PROFILE_MODES.includes(heapProfile as HeapProfileMode)
  ) {
    throw new Error(
      `--heap-profile takes live, promoted or all, got ${heapProfile}`,
    );
  }
  return {
    heapProfile: heapProfile as HeapProfileMode | undefined,
    apps: apps as ('stock' | 'portal')[],
    profileIdle: argv.includes('--profile-idle'),
    profileIngest: argv.includes('--profile-ingest'),
    profileAfter: argv.includes('--profile-after'),
    readyRunsSkipped: argv.includes('--no-ready'),
    scaleRunsSkipped: argv.includes('--no-scale'),
    components: value('--components', 10_000),
    requests: value('--requests', quick ? 50 : 200),
    afterS: value('--after-seconds', quick ? 20 : 60),
    idleS: value('--idle-seconds', quick ? 60 : 300),
    earlyS: value('--early-seconds', quick ? 45 : 90),
    lateS: value('--late-seconds', quick ? 15 : 60),
    readyRuns: value('--ready-runs', 2),
    scaleRuns: value('--scale-runs', 1),
    ingestTimeoutS: value('--ingest-timeout-seconds', 1800),
  };
}
