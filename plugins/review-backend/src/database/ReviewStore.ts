import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ActionState,
  Review,
  ReviewEventCounts,
  ReviewItem,
} from '@internal/plugin-review-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

export interface StoredSnapshot {
  month: string;
  scope: string;
  createdAt: string;
  review: Review;
  counts: ReviewEventCounts;
}

export type NewItem = Omit<
  ReviewItem,
  'id' | 'createdAt' | 'updatedAt' | 'state'
> & { state?: ActionState };

export type ItemPatch = Partial<
  Pick<ReviewItem, 'text' | 'owner' | 'dueDate' | 'state'>
>;

export interface ReviewStore {
  getSnapshot(
    month: string,
    scope: string,
  ): Promise<StoredSnapshot | undefined>;
  /** Stores a month's snapshot once; a second one for the same month and scope is a ConflictError. */
  insertSnapshot(snapshot: StoredSnapshot): Promise<void>;
  listSnapshotScopes(month: string): Promise<string[]>;
  listItems(months: string[]): Promise<ReviewItem[]>;
  getItem(id: string): Promise<ReviewItem | undefined>;
  addItem(item: NewItem, now: Date): Promise<ReviewItem>;
  updateItem(id: string, patch: ItemPatch, now: Date): Promise<ReviewItem>;
}

interface ItemRow {
  id: string;
  month: string;
  row_ref: string;
  team: string;
  kind: string;
  text: string;
  owner: string | null;
  due_date: string | null;
  state: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

function toItem(row: ItemRow): ReviewItem {
  return {
    id: row.id,
    month: row.month,
    rowRef: row.row_ref,
    team: row.team,
    kind: row.kind as ReviewItem['kind'],
    text: row.text,
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    ...(row.state ? { state: row.state as ActionState } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class DatabaseReviewStore implements ReviewStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReviewStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-review-backend',
          'migrations',
        ),
      });
    }
    return new DatabaseReviewStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async getSnapshot(month: string, scope: string) {
    const row = await this.knex('review_snapshots')
      .where({ month, scope })
      .first();
    if (!row) return undefined;
    return {
      month: row.month,
      scope: row.scope,
      createdAt: row.created_at,
      review: JSON.parse(row.review),
      counts: JSON.parse(row.counts),
    };
  }

  async insertSnapshot(snapshot: StoredSnapshot) {
    const inserted = await this.knex('review_snapshots')
      .insert({
        month: snapshot.month,
        scope: snapshot.scope,
        created_at: snapshot.createdAt,
        review: JSON.stringify(snapshot.review),
        counts: JSON.stringify(snapshot.counts),
      })
      .onConflict(['month', 'scope'])
      .ignore()
      .returning('month');
    // SQLite and PostgreSQL both return no row when the conflict was ignored.
    if (inserted.length === 0) {
      throw new ConflictError(
        `month: ${snapshot.month} of ${snapshot.scope} already has a snapshot`,
      );
    }
  }

  async listSnapshotScopes(month: string) {
    const rows = await this.knex('review_snapshots')
      .where({ month })
      .select('scope')
      .orderBy('scope');
    return rows.map(r => r.scope as string);
  }

  async listItems(months: string[]) {
    const rows: ItemRow[] = await this.knex('review_items')
      .whereIn('month', months)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toItem);
  }

  async getItem(id: string) {
    const row: ItemRow | undefined = await this.knex('review_items')
      .where({ id })
      .first();
    return row && toItem(row);
  }

  async addItem(item: NewItem, now: Date) {
    const at = now.toISOString();
    const row: ItemRow = {
      id: randomUUID(),
      month: item.month,
      row_ref: item.rowRef,
      team: item.team,
      kind: item.kind,
      text: item.text,
      owner: item.owner ?? null,
      due_date: item.dueDate ?? null,
      state: item.kind === 'action' ? item.state ?? 'open' : null,
      created_by: item.createdBy,
      created_at: at,
      updated_at: at,
    };
    await this.knex('review_items').insert(row);
    return toItem(row);
  }

  async updateItem(id: string, patch: ItemPatch, now: Date) {
    const changes: Partial<ItemRow> = { updated_at: now.toISOString() };
    if (patch.text !== undefined) changes.text = patch.text;
    if (patch.owner !== undefined) changes.owner = patch.owner || null;
    if (patch.dueDate !== undefined) changes.due_date = patch.dueDate || null;
    if (patch.state !== undefined) changes.state = patch.state;
    await this.knex('review_items').where({ id }).update(changes);
    return (await this.getItem(id))!;
  }
}
