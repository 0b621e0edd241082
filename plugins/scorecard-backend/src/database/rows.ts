import { CheckResult, LevelId } from '@internal/plugin-scorecard-common';
import type { CiResult, Exemption, StoredDay } from './types';

// Row types (snake_case, as stored) and their mapping to the domain types, in one place.

export const DAYS = 'scorecard_days';
export const CI = 'scorecard_ci_results';
export const EXEMPTIONS = 'scorecard_exemptions';

export type DayRow = {
  entity_ref: string;
  day: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  level: string | null;
  score: number | null;
  results: string;
  inputs_hash: string;
  evaluated_at: string;
};

export type CiRow = {
  run_id: string;
  entity_ref: string;
  check_id: string;
  state: string;
  message: string | null;
  evidence_url: string | null;
  reported_at: string;
  reported_by: string;
};

export type ExemptionRow = {
  id: number;
  entity_ref: string;
  check_id: string;
  reason: string;
  expires_at: string;
  created_by: string;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
};

export function toDayRow(d: StoredDay): DayRow {
  return {
    entity_ref: d.entityRef,
    day: d.day,
    title: d.title ?? null,
    owner: d.owner ?? null,
    system: d.system ?? null,
    domain: d.domain ?? null,
    level: d.level,
    score: d.score,
    results: JSON.stringify(d.results),
    inputs_hash: d.inputsHash,
    evaluated_at: d.evaluatedAt,
  };
}

export function fromDayRow(row: DayRow): StoredDay {
  return {
    entityRef: row.entity_ref,
    day: row.day,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    level: (row.level as LevelId | null) ?? null,
    score: row.score,
    results: JSON.parse(row.results) as CheckResult[],
    inputsHash: row.inputs_hash,
    evaluatedAt: row.evaluated_at,
  };
}

export function toCiRow(runId: string, r: CiResult): CiRow {
  return {
    run_id: runId,
    entity_ref: r.entityRef,
    check_id: r.checkId,
    state: r.state,
    message: r.message ?? null,
    evidence_url: r.evidenceUrl ?? null,
    reported_at: r.reportedAt,
    reported_by: r.reportedBy,
  };
}

export function fromCiRow(row: CiRow): CiResult {
  return {
    runId: row.run_id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    state: row.state as 'pass' | 'fail',
    message: row.message ?? undefined,
    evidenceUrl: row.evidence_url ?? undefined,
    reportedAt: row.reported_at,
    reportedBy: row.reported_by,
  };
}

export function fromExemptionRow(row: ExemptionRow): Exemption {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: row.revoked_by ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}
