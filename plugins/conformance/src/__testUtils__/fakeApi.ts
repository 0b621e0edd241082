import { NotFoundError } from '@backstage/errors';
import type {
  CheckDescriptor,
  EntityConformance,
} from '@internal/plugin-conformance-common';
import type {
  ConformanceApi,
  EntitySummary,
  EntitySummaryFilter,
} from '../api/types';
import { applyViewState } from '../lib/viewState';
import { checks, paymentReport, summaries } from './fixtures';

/**
 * In-memory ConformanceApi for component tests. A fake (not the real client
 * against a mock server) is deliberate: these tests cover rendering and
 * interaction; the HTTP contract is covered by ConformanceClient.test.ts and
 * the browser-level test against the real backend lives with the app.
 */
export class FakeConformanceApi implements ConformanceApi {
  checks: CheckDescriptor[];
  entities: EntitySummary[];
  reports: Map<string, EntityConformance>;

  constructor(
    options: {
      checks?: CheckDescriptor[];
      entities?: EntitySummary[];
      reports?: EntityConformance[];
    } = {},
  ) {
    this.checks = options.checks ?? checks;
    this.entities = options.entities ?? summaries;
    this.reports = new Map(
      (options.reports ?? [paymentReport]).map(r => [r.entityRef, r]),
    );
  }

  getChecks = jest.fn(async () => this.checks);

  listEntities = jest.fn(async (filter: EntitySummaryFilter = {}) =>
    applyViewState(this.entities, { ...filter, sort: 'asc' }),
  );

  getEntity = jest.fn(async (entityRef: string) => {
    const report = this.reports.get(entityRef);
    if (!report) throw new NotFoundError(`No report for ${entityRef}`);
    return report;
  });

  refresh = jest.fn(async (entityRef: string) => {
    const report: EntityConformance = {
      ...(this.reports.get(entityRef) ?? paymentReport),
      entityRef,
      evaluatedAt: '2025-03-02T12:00:00.000Z',
    };
    this.reports.set(entityRef, report);
    return report;
  });
}
