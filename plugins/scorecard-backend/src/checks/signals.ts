import { Entity } from '@backstage/catalog-model';
import { PromotionDeployment } from '@internal/plugin-scorecard-common';

/** What the scorecard reads of a conformance summary (GET /api/conformance/entities). */
export interface ConformanceSignal {
  pending?: boolean;
  evaluatedAt?: string;
  workloadCount: number;
  /** Worst verdict per conformance check id. */
  verdicts: Record<string, 'pass' | 'fail' | 'not-applicable' | 'exempt'>;
  /**
   * What failed, per conformance check id, from the entity's report: read only for the checks in
   * EVIDENCE_CHECKS when they fail, so the scorecard can say where (workload, container, field).
   */
  findings?: Record<string, string[]>;
}

/** What the scorecard reads of an SLO (GET /api/slo/slos). */
export interface SloSignal {
  id: string;
  hasPolicy: boolean;
  status: 'healthy' | 'warning' | 'critical' | 'no-data';
  stale: boolean;
}

/** What the scorecard reads of the DORA plugin for one entity. */
export interface DoraSignal {
  /** Successful production deployments in the last 30 days. */
  productionDeployments30d: number;
  /** changeLeadTime.coverage over the last 30 days. */
  coverage: { deployments: number; ancestryKnown: number };
  /** Deployments of every environment over the promotion lookback, for build-once-promote. */
  deployments: PromotionDeployment[];
}

/** A CI-pushed result as the checks see it. */
export interface PushedSignal {
  state: 'pass' | 'fail';
  message?: string;
  evidenceUrl?: string;
  reportedAt: string;
  runId: string;
}

/** Everything one entity's checks are judged from. */
export interface EntitySignals {
  entity: Entity;
  /** The API entities it provides (by ref); a missing one was not found in the catalog. */
  providedApis: Map<string, Entity | undefined>;
  conformance?: ConformanceSignal;
  slos: SloSignal[];
  /** Spec files of the entity the SLO plugin could not read. */
  sloErrors: { file: string; message: string }[];
  dora: DoraSignal;
  pushed: Map<string, PushedSignal>;
}
