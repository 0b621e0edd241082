/*
 * Response types of the conformance API, shared with the frontend.
 *
 * These are type aliases rather than interfaces on purpose: only aliases get
 * an implicit index signature, which the OpenAPI-generated router types
 * ({ [x: string]: unknown; ... }) require for res.json() to accept them.
 */
import { EvaluatedCheck, Severity, Verdict } from './types';

/**
 * Identifies one workload in one cluster.
 *
 * @public
 */
export type WorkloadRef = {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
};

/**
 * All check results for one workload.
 *
 * @public
 */
export type WorkloadReport = {
  workload: WorkloadRef;
  results: EvaluatedCheck[];
};

/**
 * The conformance of one catalog entity across all its workloads.
 *
 * @public
 */
export type EntityConformance = {
  entityRef: string;
  /** See conformanceScore; null when no result counts. */
  score: number | null;
  /** ISO 8601 timestamp. */
  evaluatedAt: string;
  workloads: WorkloadReport[];
  /** Number of results per verdict, over all workloads. */
  summary: Record<Verdict, number>;
  /** Clusters that could not be read; their workloads are missing from `workloads`. */
  clusterErrors: { cluster: string; message: string }[];
};

/**
 * A check as listed by the API, with its effective configuration.
 *
 * @public
 */
export type CheckDescriptor = {
  id: string;
  title: string;
  shortTitle: string;
  severity: Severity;
  rationale: string;
  remediation: string;
  remediationSnippet: string;
  enabled: boolean;
};

/**
 * One row of `GET /entities`: the latest verdicts of an entity, rolled up per check.
 * Mirrors the `EntitySummary` schema of the backend's openapi.yaml.
 */
export type EntitySummary = {
  entityRef: string;
  title?: string;
  /** Entity ref of the owner, e.g. group:default/payments. */
  owner?: string;
  /** Entity ref of the system. */
  system?: string;
  score: number | null;
  /** Absent while pending. */
  evaluatedAt?: string;
  /** Queued for its first judgement: no verdicts yet. */
  pending?: boolean;
  workloadCount: number;
  /** Worst verdict per check id across the entity's workloads. */
  verdicts: Record<string, Verdict>;
  summary: Record<Verdict, number>;
  failingSeverities: Severity[];
  clusterErrors: { cluster: string; message: string }[];
};
