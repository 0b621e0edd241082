import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** One answer of the deploy gate. */
export interface GateDecisionRecord {
  entityRef: string;
  /** Epoch milliseconds. */
  decidedAt: number;
  allowed: boolean;
  changeType?: string;
  reasons: string[];
}

/** The gate's answers for one entity over a period; a type alias so it fits the generated router. */
export type GateDecisionCount = {
  entityRef: string;
  decisions: number;
  denials: number;
};

/** Where the deploy gate's answers are kept, to be counted per entity and period. */
export interface GateDecisionStore {
  record(decision: GateDecisionRecord): Promise<void>;
  /** Per entity with at least one answer in `[from, to)` (epoch ms), sorted by entity ref. */
  countByEntity(range: {
    from: number;
    to: number;
  }): Promise<GateDecisionCount[]>;
  /** Deletes answers before `cutoff` (epoch ms); returns how many. */
  deleteBefore(cutoff: number): Promise<number>;
}

type GateDecisionRow = {
  entity_ref: string;
  decided_at: number | string;
  allowed: boolean | number;
  change_type: string | null;
  reasons: string;
};

const migrationsDir = resolvePackagePath(
  '@internal/plugin-slo-backend',
  'migrations',
);

export class DatabaseGateDecisionStore implements GateDecisionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseGateDecisionStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseGateDecisionStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async record(decision: GateDecisionRecord): Promise<void> {
    const row: GateDecisionRow = {
      entity_ref: decision.entityRef,
      decided_at: decision.decidedAt,
      allowed: decision.allowed,
      change_type: decision.changeType ?? null,
      reasons: JSON.stringify(decision.reasons),
    };
    await this.db('slo_gate_decisions').insert(row);
  }

  async countByEntity(range: {
    from: number;
    to: number;
  }): Promise<GateDecisionCount[]> {
    const rows = (await this.db('slo_gate_decisions')
      .select('entity_ref')
      .count({ decisions: '*' })
      // A CASE rather than SUM(NOT allowed): SQLite stores booleans as 0/1, PostgreSQL as bool.
      .sum({ denials: this.db.raw('CASE WHEN allowed THEN 0 ELSE 1 END') })
      .where('decided_at', '>=', range.from)
      .andWhere('decided_at', '<', range.to)
      .groupBy('entity_ref')
      .orderBy('entity_ref')) as Array<{
      entity_ref: string;
      decisions: number | string;
      denials: number | string | null;
    }>;
    // PostgreSQL returns COUNT and SUM of bigints as strings.
    return rows.map(r => ({
      entityRef: r.entity_ref,
      decisions: Number(r.decisions),
      denials: Number(r.denials ?? 0),
    }));
  }

  async deleteBefore(cutoff: number): Promise<number> {
    return this.db('slo_gate_decisions').where('decided_at', '<', cutoff).del();
  }
}
