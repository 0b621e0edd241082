import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { PluginClient } from '@internal/portal-node';
import { ConformanceSignal, DoraSignal, SloSignal } from '../checks/signals';
import {
  DeploymentPages,
  KnownDeployment,
  ListedDeployment,
  coverageOf,
  productionDeployments30d,
} from './doraDeployments';

/** The signals of every entity that the conformance and SLO plugins answer in one call each. */
export interface BulkSignals {
  conformance: Map<string, ConformanceSignal>;
  slos: Map<string, SloSignal[]>;
  sloErrors: Map<string, { file: string; message: string }[]>;
}

/** How the evaluator reads the other plugins; a fake in tests that need no other plugin. */
export interface SignalSource {
  readBulk(): Promise<BulkSignals>;
  /**
   * Every entity's deployments over the promotion lookback, in a few paged reads, or undefined
   * when they cannot be paged (each entity's are then read on their own).
   */
  readDoraDeployments?(
    now: Date,
  ): Promise<Map<string, KnownDeployment[]> | undefined>;
  /** `deployments`: the entity's from {@link SignalSource.readDoraDeployments}, not read again. */
  readDora(
    entityRef: string,
    now: Date,
    deployments?: KnownDeployment[],
  ): Promise<DoraSignal>;
}

/**
 * Failing conformance checks whose findings the scorecard repeats as its evidence. The secrets
 * check's findings name the workload, container and variable (never the value), which is what
 * an owner needs; the others' verdicts say enough, and their tab the rest.
 */
export const EVIDENCE_CHECKS = ['no-secret-literals'];

/**
 * Production deployments are judged over 30 days; staging is read this far back for them
 * (from the start of that UTC day).
 */
const PROMOTION_LOOKBACK_DAYS = 60;
const DAY_MS = 86_400_000;
/** Largest page of the DORA deployment list, and how many pages one pass reads at most. */
const DEPLOYMENT_PAGE = 1000;
const MAX_DEPLOYMENT_PAGES = 200;

/**
 * Reads the conformance, SLO and DORA plugins through their HTTP APIs with the scorecard's own
 * service identity (a plugin token per target), as any other client would: their stores stay
 * theirs.
 */
export class HttpSignalSource implements SignalSource {
  private readonly client: PluginClient;

  constructor(
    discovery: DiscoveryService,
    auth: AuthService,
    timeoutMs = 15_000,
    /** Deployments per page of the DORA list (smaller in tests, to page). */
    private readonly pageSize = DEPLOYMENT_PAGE,
  ) {
    this.client = new PluginClient({ discovery, auth, timeoutMs });
  }

  private get<T>(pluginId: string, path: string): Promise<T> {
    return this.client.get<T>(pluginId, path);
  }

  async readBulk(): Promise<BulkSignals> {
    const [conf, slo] = await Promise.all([
      this.get<{
        items: (ConformanceSignal & { entityRef: string })[];
      }>('conformance', '/entities'),
      this.get<{
        items: {
          entityRef: string;
          slo: { id: string; policy?: { steps: unknown[] } };
          state: { status: SloSignal['status']; stale: boolean };
        }[];
        errors: { entityRef: string; file: string; message: string }[];
      }>('slo', '/slos'),
    ]);
    const conformance = new Map<string, ConformanceSignal>();
    for (const c of conf.items) {
      conformance.set(c.entityRef, {
        pending: c.pending,
        evaluatedAt: c.evaluatedAt,
        workloadCount: c.workloadCount,
        verdicts: c.verdicts,
      });
    }
    await this.readFindings(conformance);
    const slos = new Map<string, SloSignal[]>();
    for (const s of slo.items) {
      const list = slos.get(s.entityRef) ?? [];
      list.push({
        id: s.slo.id,
        hasPolicy: (s.slo.policy?.steps.length ?? 0) > 0,
        status: s.state.status,
        stale: s.state.stale,
      });
      slos.set(s.entityRef, list);
    }
    const sloErrors = new Map<string, { file: string; message: string }[]>();
    for (const e of slo.errors) {
      const list = sloErrors.get(e.entityRef) ?? [];
      list.push({ file: e.file, message: e.message });
      sloErrors.set(e.entityRef, list);
    }
    return { conformance, slos, sloErrors };
  }

  /** The findings of EVIDENCE_CHECKS, from the reports of the entities where they fail. */
  private async readFindings(conformance: Map<string, ConformanceSignal>) {
    const failing = [...conformance.entries()].filter(([, c]) =>
      EVIDENCE_CHECKS.some(id => c.verdicts[id] === 'fail'),
    );
    for (const [entityRef, signal] of failing) {
      try {
        const report = await this.get<{
          workloads: {
            results: {
              checkId: string;
              verdict: string;
              findings: { message: string }[];
            }[];
          }[];
        }>('conformance', `/entity?entityRef=${encodeURIComponent(entityRef)}`);
        const findings: Record<string, string[]> = {};
        for (const w of report.workloads) {
          for (const r of w.results) {
            if (!EVIDENCE_CHECKS.includes(r.checkId) || r.verdict !== 'fail') {
              continue;
            }
            (findings[r.checkId] ??= []).push(
              ...r.findings.map(f => f.message),
            );
          }
        }
        signal.findings = findings;
      } catch {
        // The verdict alone still fails the check; the tab shows the details.
      }
    }
  }

  async readDoraDeployments(
    now: Date,
  ): Promise<Map<string, KnownDeployment[]> | undefined> {
    const pages = new DeploymentPages();
    const from = encodeURIComponent(lookbackStart(now));
    let to: string | undefined;
    for (let page = 0; page < MAX_DEPLOYMENT_PAGES; page++) {
      const { items } = await this.get<{ items: ListedDeployment[] }>(
        'dora',
        `/deployments?from=${from}&limit=${this.pageSize}${
          to ? `&to=${encodeURIComponent(to)}` : ''
        }`,
      );
      const next = pages.add(items, this.pageSize);
      if (next === 'done') return pages.byEntity();
      if (next === 'stuck') return undefined;
      to = next;
    }
    return undefined;
  }

  async readDora(
    entityRef: string,
    now: Date,
    known?: KnownDeployment[],
  ): Promise<DoraSignal> {
    const ref = encodeURIComponent(entityRef);
    const noCoverage = { deployments: 0, ancestryKnown: 0 };
    // The listed deployments carry their derived facts: the coverage is counted from them, with
    // no call of the entity's own (at 10,000 entities a pass asks the metrics API for none
    // instead of one call each). Only where a deployment's facts are not derived yet is the
    // API asked.
    const counted = known && coverageOf(known, now);
    const [coverage, deployments] = await Promise.all([
      counted
        ? Promise.resolve(counted)
        : this.get<{
            metrics: {
              changeLeadTime: {
                coverage?: { deployments: number; ancestryKnown: number };
              };
            };
          }>('dora', `/metrics?entityRef=${ref}&window=30d`).then(
            m => m.metrics.changeLeadTime.coverage ?? noCoverage,
          ),
      known
        ? Promise.resolve(known)
        : this.get<{ items: KnownDeployment[] }>(
            'dora',
            `/deployments?entityRef=${ref}&from=${encodeURIComponent(
              lookbackStart(now),
            )}&limit=1000`,
          ).then(r => r.items),
    ]);
    return {
      productionDeployments30d: productionDeployments30d(deployments, now),
      coverage,
      deployments: deployments.map(d => ({
        id: d.id,
        environment: d.environment,
        status: d.status,
        finishedAt: d.finishedAt,
        commitShas: d.commitShas,
      })),
    };
  }
}

/**
 * The start of the UTC day PROMOTION_LOOKBACK_DAYS before `now`. It moves once a day, so the
 * deployments a pass reads change only when deployments arrive or the day turns (which starts
 * a new day's rows anyway): a lookback sliding with the clock dropped an old staging run every
 * few minutes on a busy history, and each drop made the next pass judge every entity again.
 */
function lookbackStart(now: Date): string {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(day - PROMOTION_LOOKBACK_DAYS * DAY_MS).toISOString();
}
