import {
  EvidenceDeployment,
  GateDecisionCount,
} from '@internal/plugin-review-common';

/** The part of the dora backend's GET /metrics answer the review reads. */
/** GET /api/dora/metrics/entities: each entity's answer as GET /metrics?entityRef= gives it. */
export interface DoraEntityMetricsResponse {
  environment: string;
  items: (Omit<DoraMetricsResponse, 'environment' | 'entityRefs'> & {
    entityRef: string;
  })[];
}

export interface DoraMetricsResponse {
  /** The environment the keys are about (the dora backend's default when not asked). */
  environment?: string;
  entityRefs?: string[];
  metrics: Record<
    string,
    {
      value?: number;
      unit: string;
      tier?: string;
      count: number;
      denominator?: number;
      breakdown?: Record<string, { median?: number | null; count: number }>;
      reasons?: Record<string, number>;
    }
  >;
}

/** GET /api/dora/metrics/teams: every team's answer as GET /metrics?group= gives it. */
export interface DoraTeamMetricsResponse {
  environment: string;
  teams: (Omit<DoraMetricsResponse, 'environment' | 'entityRefs'> & {
    ref: string;
    entityRefs: string[];
  })[];
}

export interface DoraDeploymentsResponse {
  items: EvidenceDeployment[];
}

/** The part of the slo backend's SloWithState the review reads. */
export interface SloItem {
  entityRef: string;
  owner?: string;
  slo: {
    id: string;
    target: number;
    window: { kind: string; seconds?: number; unit?: string };
    policy?: {
      steps: { consumedPercent: number; blocksDeploys: boolean }[];
    };
  };
}

export interface SloListResponse {
  items: SloItem[];
}

/** The slo backend's GET /slos/month: each SLO over one UTC calendar month. */
export interface SloMonthResponse {
  items: {
    slo: { id: string; target: number };
    entityRef: string;
    met: boolean | null;
    budgetRemaining: number | null;
  }[];
}

export interface SloDetailResponse extends SloItem {
  resolutionSeconds: number;
  history: {
    t: number;
    sli: number | null;
    remaining: number | null;
    recentBurnRate: number | null;
  }[];
}

export interface ConformanceEntitiesResponse {
  items: { entityRef: string; score: number | null }[];
}

export interface ScorecardLevelsResponse {
  items: { entityRef: string; level: string | null }[];
}

/** The slo backend's GET /gate/decisions: the gate's answers per entity over a period. */
export interface GateDecisionsResponse {
  items: GateDecisionCount[];
}
