import { NotFoundError } from '@backstage/errors';
import { calendarMonth, monthAttainment } from '@internal/plugin-slo-common';
import type {
  DeployGateDecision,
  EntitySlos,
  SloApi,
  SloDetail,
  SloList,
  SloListFilter,
  SloMonth,
  SloWithState,
} from '../api/types';
import { applyListView } from '../lib/viewState';
import {
  allSlos,
  allowedGate,
  detailOf,
  entitySlosOf,
  userGateDenied,
} from './fixtures';

/**
 * In-memory SloApi for component tests. A fake (not the real client against
 * a mock server) is deliberate: these tests cover rendering and interaction;
 * the HTTP contract is covered by SloClient.test.ts against the backend's
 * JSON shapes.
 */
export class FakeSloApi implements SloApi {
  slos: SloWithState[];
  entities: Map<string, EntitySlos>;
  gates: Map<string, DeployGateDecision>;
  specErrors: SloList['errors'];

  constructor(
    options: {
      slos?: SloWithState[];
      specErrors?: SloList['errors'];
      entities?: EntitySlos[];
      gates?: Record<string, DeployGateDecision>;
      parents?: Record<string, string>;
    } = {},
  ) {
    this.slos = options.slos ?? allSlos;
    this.parents = options.parents ?? {};
    this.specErrors = options.specErrors ?? [];
    const refs = [...new Set(this.slos.map(s => s.entityRef))];
    this.entities = new Map(
      (options.entities ?? refs.map(r => entitySlosOf(r)!).filter(Boolean)).map(
        e => [e.entityRef, e],
      ),
    );
    this.gates = new Map(
      Object.entries(
        options.gates ?? {
          'component:default/user-service': userGateDenied,
        },
      ),
    );
  }

  /** Child group → parent group, for the owner filter's sub-teams (the backend asks the catalog). */
  parents: Record<string, string>;

  /** The backend's owner (with sub-teams) and entity filter over SLOs or spec errors. */
  private inScope = (
    item: { entityRef: string; owner?: string },
    filter: SloListFilter,
  ): boolean => {
    if (filter.entityRef && item.entityRef !== filter.entityRef) return false;
    if (!filter.owner) return true;
    for (let g = item.owner; g; g = this.parents[g]) {
      if (g === filter.owner) return true;
    }
    return false;
  };

  listSlos = jest.fn(async (filter: SloListFilter = {}) =>
    applyListView(
      this.slos.filter(s => this.inScope(s, filter)),
      { ...filter, sort: filter.sort === 'budget' ? 'budget' : 'name' },
    ),
  );

  // Through listSlos, so a test that stubs listSlos stubs this too.
  listSlosWithErrors = jest.fn(
    async (filter: SloListFilter = {}): Promise<SloList> => ({
      items: await this.listSlos(filter),
      errors: filter.status
        ? []
        : this.specErrors.filter(
            e =>
              this.inScope(e, filter) &&
              (!filter.system || e.system === filter.system),
          ),
    }),
  );

  getSlo = jest.fn(
    async (id: string, options: { resolution?: string } = {}) => {
      const row = this.slos.find(s => s.slo.id === id);
      if (!row) throw new NotFoundError(`No SLO with id ${id}`);
      const seconds = { '6h': 21600, '1d': 86400 }[options.resolution ?? ''];
      return detailOf(row, seconds ?? 3600) as SloDetail;
    },
  );

  /** Each SLO's month is its current window's events, as the backend would sum them. */
  getMonth = jest.fn(
    async (month: string, filter: SloListFilter = {}): Promise<SloMonth> => {
      const { from, to } = calendarMonth(month);
      return {
        month,
        from,
        to,
        complete: true,
        items: this.slos
          .filter(s => this.inScope(s, filter))
          .map(s => {
            const { good, total } = s.state;
            const a = monthAttainment({ good, total, target: s.slo.target });
            return {
              slo: s.slo,
              entityRef: s.entityRef,
              ...(s.owner ? { owner: s.owner } : {}),
              ...(s.system ? { system: s.system } : {}),
              good,
              total,
              sli: a.sli ?? null,
              met: a.met ?? null,
              budgetRemaining: a.budgetRemaining ?? null,
              budgetConsumed: a.budgetConsumed ?? null,
            };
          }),
      };
    },
  );

  getEntity = jest.fn(async (entityRef: string) => {
    const found = this.entities.get(entityRef);
    if (!found) throw new NotFoundError(`No SLO specs for ${entityRef}`);
    return found;
  });

  getGate = jest.fn(
    async (entityRef: string) =>
      this.gates.get(entityRef) ?? allowedGate(entityRef),
  );
}
