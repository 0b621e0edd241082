import { EntityScorecard } from '@internal/plugin-scorecard-common';

// The store's domain types, apart from ScorecardStore.ts so that the operations it delegates to
// can name them without importing the store (ScorecardStore → operations only).

/** A day's scorecard with the hash of the signals it was judged from. */
export interface StoredDay extends EntityScorecard {
  inputsHash: string;
}

/** One result pushed from CI. */
export interface CiResult {
  runId: string;
  entityRef: string;
  checkId: string;
  state: 'pass' | 'fail';
  message?: string;
  evidenceUrl?: string;
  reportedAt: string;
  reportedBy: string;
}

export interface Exemption {
  id: number;
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedBy?: string;
  revokedAt?: string;
}

export interface DayFilter {
  owners?: string[];
  system?: string;
  entityRefs?: string[];
}
