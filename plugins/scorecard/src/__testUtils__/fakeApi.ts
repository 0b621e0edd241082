import {
  EntityScorecard,
  scorecardChecks,
  DEFAULT_LEVELS,
  LEVEL_ORDER,
} from '@internal/plugin-scorecard-common';
import type {
  Campaign,
  CampaignInput,
  CampaignResponse,
  CampaignSummary,
  RollupResponse,
  CheckWithLevel,
  EntityScorecardResponse,
  ScorecardApi,
  ScorecardFilter,
} from '../api';

/** An in-memory scorecard API that records the filters it was asked with. */
export class FakeScorecardApi implements ScorecardApi {
  filters: ScorecardFilter[] = [];
  constructor(
    private readonly items: EntityScorecard[],
    private readonly entity?: EntityScorecardResponse,
    private readonly failWith?: Error,
  ) {}

  async getChecks(): Promise<CheckWithLevel[]> {
    return scorecardChecks.map(c => ({
      ...c,
      level: LEVEL_ORDER.find(l => DEFAULT_LEVELS[l].includes(c.id)),
    }));
  }

  campaigns: CampaignSummary[] = [];
  campaign?: CampaignResponse;
  async listCampaigns() {
    if (this.failWith) throw this.failWith;
    return this.campaigns;
  }
  /** What createCampaign was asked; `createFailsWith` makes it throw instead. */
  created: CampaignInput[] = [];
  createFailsWith?: Error;
  async createCampaign(input: CampaignInput): Promise<Campaign> {
    if (this.createFailsWith) throw this.createFailsWith;
    this.created.push(input);
    return {
      id: 41 + this.created.length,
      title: input.title,
      checkIds: input.checkIds,
      deadline: input.deadline,
      scope: input.scope ?? {},
      createdBy: 'user:default/olivia.brooks',
      createdAt: '2026-12-06T09:00:00Z',
    };
  }

  async getCampaign() {
    if (this.failWith) throw this.failWith;
    return this.campaign!;
  }

  schedule = 'every 2 minutes';
  async getSchedule() {
    if (this.failWith) throw this.failWith;
    return this.schedule;
  }

  rollup?: RollupResponse;
  rollupScopes: { group?: string; system?: string }[] = [];

  async getRollup(scope: { group?: string; system?: string }) {
    if (this.failWith) throw this.failWith;
    this.rollupScopes.push(scope);
    return this.rollup!;
  }

  async getEntity() {
    if (this.failWith) throw this.failWith;
    return this.entity;
  }

  async listEntities(filter: ScorecardFilter = {}) {
    if (this.failWith) throw this.failWith;
    this.filters.push(filter);
    return this.items.filter(
      i =>
        (!filter.owner || i.owner === filter.owner) &&
        (!filter.level || (i.level ?? 'none') === filter.level),
    );
  }
}

export function scorecard(
  entityRef: string,
  extra: Partial<EntityScorecard> = {},
): EntityScorecard {
  return {
    entityRef,
    title: entityRef.split('/')[1],
    owner: 'group:default/payments',
    level: 'bronze',
    score: 60,
    day: '2026-12-06',
    evaluatedAt: '2026-12-06T00:00:00Z',
    results: [
      { checkId: 'owner', state: 'pass', message: 'owned by payments' },
      {
        checkId: 'runbook-link',
        state: 'fail',
        message: 'no http(s) link titled Runbook or typed runbook',
        evidenceUrl: '/catalog/default/component/svc',
      },
      {
        checkId: 'image-scan',
        state: 'exempt',
        message: 'failing, exempt until 2027-01-01: base image upgrade',
      },
    ],
    ...extra,
  };
}
