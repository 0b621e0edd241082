import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import type { CiResult } from '../types';
import { CI, CiRow, toCiRow } from '../rows';

/** ScorecardStore.insertCiResults: a run's results all-or-nothing, a retry never rewriting them. */
export async function insertCiResults(
  db: Knex,
  runId: string,
  results: CiResult[],
): Promise<{ inserted: number; duplicates: number }> {
  return db.transaction(async tx => {
    const existing = await tx<CiRow>(CI).where({ run_id: runId });
    const stored = new Map(
      existing.map(r => [`${r.entity_ref}\n${r.check_id}`, r]),
    );
    const fresh: CiRow[] = [];
    let duplicates = 0;
    for (const r of results) {
      const row = toCiRow(runId, r);
      const old = stored.get(`${r.entityRef}\n${r.checkId}`);
      if (!old) {
        fresh.push(row);
      } else if (
        old.state === row.state &&
        old.message === row.message &&
        old.evidence_url === row.evidence_url
      ) {
        duplicates++;
      } else {
        throw new ConflictError(
          `runId: run ${runId} already reported ${r.checkId} for ${r.entityRef} as ${old.state}; a run's results never change (use a new run id)`,
        );
      }
    }
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < fresh.length; i += 100) {
      await tx<CiRow>(CI).insert(fresh.slice(i, i + 100));
    }
    return { inserted: fresh.length, duplicates };
  });
}
