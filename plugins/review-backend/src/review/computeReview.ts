import {
  DORA_KEYS,
  EvidenceDeployment,
  FailureReason,
  LeadTimeStage,
  Review,
  ReviewBottleneck,
  ReviewRow,
  ReviewScope,
  ReviewSloFigures,
  changeOf,
  failureEvidence,
  gateFigures,
  leadTimeChanges,
  leadTimeEvidence,
  monthRange,
  previousMonth,
  rankFailureReasons,
  rankLeadTimeStages,
  rankRecoveries,
  sloMonthFigures,
  stringifyScope,
} from '@internal/plugin-review-common';
import {
  ConformanceEntitiesResponse,
  DoraDeploymentsResponse,
  DoraMetricsResponse,
  GateDecisionsResponse,
  ScorecardLevelsResponse,
  SloDetailResponse,
  SloItem,
  SloListResponse,
  SloMonthResponse,
} from '../peers/types';
import { RowSubject } from './scopeRows';
import { mapLimited } from '@internal/portal-node';
import {
  Peers,
  entityMetrics,
  lower,
  teamMetrics,
  windowQuery,
} from './doraReads';

const HOUR_S = 3600;
/** How far past the month the review looks for the deployment that restored a failed one. */
const RECOVERY_LOOKAHEAD_MS = 14 * 86_400_000;

export interface ComputeOptions {
  peers: Peers;
  month: string;
  scope: ReviewScope;
  rows: RowSubject[];
  /** The dora environment the keys are about. */
  environment?: string;
  /** Path of the scorecard backend's levels list; the column is absent when it does not answer. */
  scorecardPath?: string;
}

/**
 * A month's review of a scope, computed now from the dora, slo, conformance and (when it
 * answers) scorecard backends' HTTP APIs.
 */
export async function computeReview(options: ComputeOptions): Promise<Review> {
  const { peers, month, scope, rows, environment } = options;
  const range = monthRange(month);
  const prevRange = monthRange(previousMonth(month));
  const warnings = new Set<string>();

  const [slos, sloMonth, conformance, scorecard, gate] = await Promise.all([
    peers
      .get<SloListResponse>('slo', '/slos')
      .then(r => r!.items)
      .catch(e => {
        warnings.add(`slo: ${e.message}`);
        return [] as SloItem[];
      }),
    // The calendar month summed from the slo backend's stored buckets: the same figures as
    // /slos?month=, and available for any month the rollups still hold, not only the last window.
    peers
      .get<SloMonthResponse>('slo', '/slos/month', { month })
      .then(r => new Map(r!.items.map(i => [i.slo.id, i])))
      .catch(e => {
        warnings.add(`slo month: ${e.message}`);
        return undefined;
      }),
    peers
      .get<ConformanceEntitiesResponse>('conformance', '/entities')
      .then(r => r!.items)
      .catch(e => {
        warnings.add(`conformance: ${e.message}`);
        return undefined;
      }),
    options.scorecardPath
      ? peers
          .getJson<ScorecardLevelsResponse>(
            'scorecard',
            options.scorecardPath,
            {},
            { allowMissing: true },
          )
          .then(r => r?.items)
          .catch(() => undefined)
      : Promise.resolve(undefined),
    peers
      .get<GateDecisionsResponse>('slo', '/gate/decisions', windowQuery(range))
      .then(r => r!.items)
      .catch(e => {
        warnings.add(`slo gate: ${e.message}`);
        return undefined;
      }),
  ]);

  const sloDetails = new Map<string, Promise<SloDetailResponse | undefined>>();
  const detailOf = (id: string) => {
    if (!sloDetails.has(id)) {
      sloDetails.set(
        id,
        peers
          .get<SloDetailResponse>('slo', '/slo', { id, resolution: '1h' })
          .catch(e => {
            warnings.add(`slo ${id}: ${e.message}`);
            return undefined;
          }),
      );
    }
    return sloDetails.get(id)!;
  };

  // The service rows' keys, a hundred entities a request: a system or team of 1,000 services
  // is 20 reads instead of 2,000.
  const entityRefs = rows.flatMap(r =>
    'entityRef' in r.doraQuery ? [r.doraQuery.entityRef] : [],
  );
  // The team rows' keys (the organisation's rows), every team in one request per month.
  const hasTeams = rows.some(r => 'group' in r.doraQuery);
  const [currentOf, previousOf] = await Promise.all(
    [range, prevRange].map(async r => {
      const [entities, teams] = await Promise.all([
        entityMetrics(peers, entityRefs, windowQuery(r), environment),
        hasTeams
          ? teamMetrics(peers, windowQuery(r), environment)
          : new Map<string, DoraMetricsResponse>(),
      ]);
      return new Map([...entities, ...teams]);
    }),
  );

  // Each row's entities are looked up, not filtered out of the whole lists: a month-end run has
  // a row per team and per service, and the lists an item per entity of the catalog.
  const conformanceOf = conformance && inListOrder(conformance);
  const scorecardOf = scorecard && inListOrder(scorecard);

  const computed = await mapLimited(rows, 4, async subject => {
    const ref = lower(
      'entityRef' in subject.doraQuery
        ? subject.doraQuery.entityRef
        : subject.doraQuery.group,
    );
    const [current, previous] =
      currentOf.has(ref) && previousOf.has(ref)
        ? [currentOf.get(ref)!, previousOf.get(ref)!]
        : await Promise.all(
            [range, prevRange].map(r =>
              peers
                .get<DoraMetricsResponse>('dora', '/metrics', {
                  ...subject.doraQuery,
                  ...windowQuery(r),
                  environment,
                  bucket: 'month',
                })
                .then(res => res!),
            ),
          );
    const entities =
      subject.kind === 'team' ? current.entityRefs ?? [] : [subject.ref];
    const entitySet = new Set(entities);

    const dora = Object.fromEntries(
      DORA_KEYS.map(key => {
        const k = current.metrics[key];
        const p = previous.metrics[key];
        return [
          key,
          {
            value: k?.value ?? null,
            unit: k?.unit ?? '',
            tier: k?.tier ?? null,
            count: k?.count ?? 0,
            change: changeOf(key, k?.value, p?.value),
          },
        ];
      }),
    ) as ReviewRow['dora'];

    const lead = rankLeadTimeStages(
      current.metrics.changeLeadTime?.breakdown as Partial<
        Record<LeadTimeStage, { median?: number | null; count: number }>
      >,
    );
    const failures = rankFailureReasons(
      current.metrics.changeFailureRate?.reasons as Partial<
        Record<FailureReason, number>
      >,
      current.metrics.changeFailureRate?.count ?? 0,
    );
    let deployments: EvidenceDeployment[] = [];
    let after: EvidenceDeployment[] = [];
    if (lead.length > 0 || failures.length > 0) {
      const list = (from: number, to: number) =>
        mapLimited(entities, 4, entityRef =>
          peers
            .get<DoraDeploymentsResponse>('dora', '/deployments', {
              entityRef,
              ...windowQuery({ month, start: from, end: to }),
              // The keys' environment: without it the list has every environment's deployments.
              environment: environment ?? current.environment,
              limit: 1000,
            })
            .then(r => r!.items),
        ).then(lists => lists.flat());
      [deployments, after] = await Promise.all([
        list(range.start, range.end),
        // A failure late in the month may be restored after it.
        failures.length > 0
          ? list(range.end, range.end + RECOVERY_LOOKAHEAD_MS)
          : Promise.resolve([]),
      ]);
    }
    const bottlenecks = {
      leadTime: lead.map(
        (c): ReviewBottleneck => ({
          ...c,
          evidence: leadTimeEvidence(deployments),
        }),
      ),
      failures: failures.map(
        (c): ReviewBottleneck => ({
          ...c,
          evidence: failureEvidence(deployments, c.id as FailureReason),
        }),
      ),
      recovery: rankRecoveries([...deployments, ...after], range),
    };

    const rowSlos = slos.filter(s => entitySet.has(s.entityRef));
    let slo: ReviewSloFigures | null = null;
    if (rowSlos.length > 0) {
      const figures = await Promise.all(
        rowSlos.map(async s => {
          const detail = await detailOf(s.slo.id);
          if (!detail) return undefined;
          const periodSeconds = s.slo.window.seconds ?? 30 * 86400;
          const freeze = (s.slo.policy?.steps ?? [])
            .filter(step => step.blocksDeploys)
            .map(step => step.consumedPercent)
            .sort((a, b) => a - b)[0];
          const f = sloMonthFigures({
            history: detail.history,
            target: s.slo.target,
            periodSeconds,
            resolutionSeconds: detail.resolutionSeconds ?? HOUR_S,
            freezeAtConsumedPercent: freeze,
            range,
          });
          if (!f.covered) {
            warnings.add(
              `slo: the history (the last SLO window) does not reach the end of ${month}; alerts and freeze hours of that month are absent unless a snapshot holds them`,
            );
          }
          const m = sloMonth?.get(s.slo.id);
          // Met and budget left over the calendar month as the slo backend sums it; the
          // rolling window at month end only when that answer is missing.
          return m ? { ...f, met: m.met, budgetLeft: m.budgetRemaining } : f;
        }),
      );
      const known = figures.filter(<T>(f: T | undefined): f is T => !!f);
      const budgets = known
        .map(f => f.budgetLeft)
        .filter((b): b is number => b !== null);
      slo = {
        slos: rowSlos.length,
        met: known.filter(f => f.met === true).length,
        judged: known.filter(f => f.met !== null).length,
        lowestBudgetLeft: budgets.length > 0 ? Math.min(...budgets) : null,
        alertsFired: known.reduce((s, f) => s + f.alertsFired, 0),
        freezeHours: known.reduce((s, f) => s + f.freezeHours, 0),
      };
    }

    let conformanceFigures: ReviewRow['conformance'] = null;
    if (conformanceOf) {
      const scores = conformanceOf(entitySet).map(c => c.score);
      const scored = scores.filter((s): s is number => s !== null);
      conformanceFigures = {
        score:
          scored.length > 0
            ? Math.round(scored.reduce((a, b) => a + b, 0) / scored.length)
            : null,
        entities: scores.length,
      };
    }

    const row: ReviewRow = {
      ref: subject.ref,
      kind: subject.kind,
      title: subject.title,
      team: subject.team,
      dora,
      slo,
      conformance: conformanceFigures,
      bottlenecks,
      leadTimeChanges: leadTimeChanges(deployments, range),
      gate: gate ? gateFigures(gate, entities) : null,
    };
    if (scorecardOf) {
      const levels = scorecardOf(entitySet)
        .filter(s => s.level)
        .map(s => s.level!);
      row.scorecardLevel = modeOf(levels);
    }
    return row;
  });

  return {
    month,
    previousMonth: previousMonth(month),
    scope: stringifyScope(scope),
    source: 'live',
    hasScorecard: scorecard !== undefined,
    rows: computed,
    warnings: [...warnings],
  };
}

/** The level most of a team's entities reached (ties: the first in sorted order). */
/**
 * The items of a list whose entityRef is in a set, in the list's order (so sums add up in the
 * same order as a filter of the whole list would), found through an index of the list.
 */
function inListOrder<T extends { entityRef: string }>(
  list: T[],
): (refs: Set<string>) => T[] {
  const at = new Map<string, number[]>();
  list.forEach((item, i) => {
    const positions = at.get(item.entityRef);
    if (positions) positions.push(i);
    else at.set(item.entityRef, [i]);
  });
  return refs => {
    const positions: number[] = [];
    for (const ref of refs) positions.push(...(at.get(ref) ?? []));
    return positions.sort((a, b) => a - b).map(i => list[i]);
  };
}

function modeOf(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of [...values].sort()) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, c] of counts)
    if (best === null || c > counts.get(best)!) best = v;
  return best;
}
