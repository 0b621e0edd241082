/**
 * How many times a catalog read the bench's 10,000-component file during a window. Each read
 * parses the whole file and revisits every entity it holds, and comes every 100–200 s (the
 * catalog's processing interval, drawn at random per read), so a 300 s window holds one to three
 * of them: most of what either app's backend does while nothing changes, and most of the spread
 * between runs of the same code. Read from the catalog's own `refresh_state` table, which only
 * a bench may do: every processing of the file's Location entity moves its `next_update_at`.
 */
import knexFactory, { Knex } from 'knex';
import { PG_URL } from './apps';

const POLL_MS = 2_000;

/** The number of changes in a series of sampled values (undefined: not there yet). */
export function countChanges(samples: (string | undefined)[]): number {
  let changes = 0;
  let last: string | undefined;
  for (const s of samples) {
    if (s === undefined) continue;
    if (last !== undefined && s !== last) changes++;
    last = s;
  }
  return changes;
}

export class CatalogFileReads {
  private readonly samples: (string | undefined)[] = [];
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  private constructor(
    private readonly db: Knex,
    private readonly catalogFile: string,
  ) {}

  /** Starts sampling the catalog database `database` (e.g. `bench_scale_portal_catalog`). */
  static async start(
    database: string,
    catalogFile: string,
  ): Promise<CatalogFileReads> {
    const reads = new CatalogFileReads(
      knexFactory({
        client: 'pg',
        connection: `${PG_URL}/${database}`,
        pool: { min: 0, max: 1 },
      }),
      catalogFile,
    );
    await reads.sample();
    reads.timer = setInterval(() => {
      reads.polling ??= reads.sample().finally(() => {
        reads.polling = undefined;
      });
    }, POLL_MS);
    return reads;
  }

  /** Stops sampling; the reads seen since the start. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.polling;
    await this.sample();
    await this.db.destroy();
    return countChanges(this.samples);
  }

  private async sample(): Promise<void> {
    try {
      const rows: { next_update_at: Date }[] = await this.db('refresh_state')
        .select('next_update_at')
        .where('entity_ref', 'like', 'location:%')
        .andWhere('unprocessed_entity', 'like', `%${this.catalogFile}%`);
      this.samples.push(
        rows.length
          ? rows.map(r => r.next_update_at.toISOString()).join()
          : undefined,
      );
    } catch {
      // A sample lost to a busy database only makes the count a lower bound.
      this.samples.push(undefined);
    }
  }
}
