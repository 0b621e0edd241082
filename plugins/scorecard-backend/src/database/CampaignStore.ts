import { DatabaseService } from '@backstage/backend-plugin-api';
import { CampaignScope } from '@internal/plugin-scorecard-common';
import { Knex } from 'knex';

export interface Campaign {
  id: number;
  title: string;
  checkIds: string[];
  deadline: string;
  scope: CampaignScope;
  createdBy: string;
  createdAt: string;
}

type CampaignRow = {
  id: number;
  title: string;
  check_ids: string;
  deadline: string;
  scope_owner: string | null;
  scope_system: string | null;
  scope_tag: string | null;
  created_by: string;
  created_at: string;
  reminded_at: string | null;
};

const CAMPAIGNS = 'scorecard_campaigns';

/**
 * Campaign definitions. The migrations are the scorecard's (run by DatabaseScorecardStore), so
 * this store is created from the same database service after it.
 */
export class DatabaseCampaignStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCampaignStore> {
    return new DatabaseCampaignStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async add(c: Omit<Campaign, 'id'>): Promise<Campaign> {
    const [row] = await this.db<CampaignRow>(CAMPAIGNS)
      .insert({
        title: c.title,
        check_ids: JSON.stringify(c.checkIds),
        deadline: c.deadline,
        scope_owner: c.scope.owner ?? null,
        scope_system: c.scope.system ?? null,
        scope_tag: c.scope.tag ?? null,
        created_by: c.createdBy,
        created_at: c.createdAt,
      })
      .returning('*');
    return fromRow(row);
  }

  async get(id: number): Promise<Campaign | undefined> {
    const row = await this.db<CampaignRow>(CAMPAIGNS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Marks the campaign's deadline reminder as sent at `at`, unless it already was: true for the
   * one caller that claimed it. Claimed before sending, so two passes never both send.
   */
  async claimReminder(id: number, at: string): Promise<boolean> {
    const updated = await this.db<CampaignRow>(CAMPAIGNS)
      .where({ id })
      .whereNull('reminded_at')
      .update({ reminded_at: at });
    return updated === 1;
  }

  /** Gives a claim back (the reminder could not be sent), so a later pass tries again. */
  async releaseReminder(id: number, at: string): Promise<void> {
    await this.db<CampaignRow>(CAMPAIGNS)
      .where({ id, reminded_at: at })
      .update({ reminded_at: null });
  }

  /** When the deadline reminder was sent, if it was. */
  async remindedAt(id: number): Promise<string | undefined> {
    const row = await this.db<CampaignRow>(CAMPAIGNS)
      .where({ id })
      .first('reminded_at');
    return row?.reminded_at ?? undefined;
  }

  /** Nearest deadline first. */
  async list(): Promise<Campaign[]> {
    const rows = await this.db<CampaignRow>(CAMPAIGNS).orderBy([
      { column: 'deadline', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(fromRow);
  }
}

function fromRow(row: CampaignRow): Campaign {
  const scope: CampaignScope = {};
  if (row.scope_owner) scope.owner = row.scope_owner;
  if (row.scope_system) scope.system = row.scope_system;
  if (row.scope_tag) scope.tag = row.scope_tag;
  return {
    // PostgreSQL returns increments as numbers, SQLite too; Number() guards drivers that don't.
    id: Number(row.id),
    title: row.title,
    checkIds: JSON.parse(row.check_ids) as string[],
    deadline: row.deadline,
    scope,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
