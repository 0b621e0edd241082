import { Change } from '../types';
import { CommitGraph } from './commitGraph';

/**
 * The change records one entity's figures use: for each commit, the entity's own record (one
 * that names it) or else the entity-less record, never another entity's. Another entity's record
 * of a shared SHA (sent first or not) changes nothing here, so no sender can move an entity's
 * lead time, PR stages or ancestry by claiming its commits.
 */
export interface EntityChanges {
  /** The record the entity counts a commit with. */
  changeOf(sha: string): Change | undefined;
  /** Parent edges of the entity's own records and of the entity-less ones (a union). */
  graph: CommitGraph;
  /** Every record the entity counts with (its own, and the entity-less ones it does not override). */
  changes(): readonly Change[];
}

const NONE: readonly string[] = [];

interface RecordSet {
  bySha: Map<string, Change>;
  parents: Map<string, string[]>;
}

function recordSet(changes: readonly Change[]): RecordSet {
  const bySha = new Map<string, Change>();
  const parents = new Map<string, Set<string>>();
  for (const change of changes) {
    if (!bySha.has(change.sha)) bySha.set(change.sha, change);
    let set = parents.get(change.sha);
    if (!set) {
      set = new Set();
      parents.set(change.sha, set);
    }
    for (const parent of change.parents ?? []) {
      if (parent !== change.sha) set.add(parent);
    }
  }
  return {
    bySha,
    parents: new Map([...parents].map(([sha, set]) => [sha, [...set]])),
  };
}

/**
 * Splits deduplicated change records by entity and answers, per entity, which of them count.
 * Nothing is copied per entity (an entity's view reads its own records, then the shared ones), so
 * an organisation of many entities over one shared history costs one pass over the records.
 */
export function changesByEntity(
  changes: readonly Change[],
): (entityRef: string) => EntityChanges {
  const shared = recordSet(changes.filter(c => c.entityRef === undefined));
  const ownRecords = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.entityRef === undefined) continue;
    const list = ownRecords.get(c.entityRef);
    if (list) list.push(c);
    else ownRecords.set(c.entityRef, [c]);
  }
  const sharedView = view(shared, undefined);
  const views = new Map<string, EntityChanges>();
  return entityRef => {
    const records = ownRecords.get(entityRef);
    if (!records) return sharedView;
    let found = views.get(entityRef);
    if (!found) {
      found = view(shared, recordSet(records));
      views.set(entityRef, found);
    }
    return found;
  };
}

function view(shared: RecordSet, own: RecordSet | undefined): EntityChanges {
  const parentsOf = (sha: string): readonly string[] => {
    const mine = own?.parents.get(sha);
    const theirs = shared.parents.get(sha);
    if (!mine) return theirs ?? NONE;
    if (!theirs) return mine;
    return [...new Set([...mine, ...theirs])];
  };
  let all: Change[] | undefined;
  return {
    changeOf: sha => own?.bySha.get(sha) ?? shared.bySha.get(sha),
    graph: {
      parentsOf,
      isKnown: sha => (own?.bySha.has(sha) ?? false) || shared.bySha.has(sha),
    },
    changes: () => {
      if (!all) {
        all = own ? [...own.bySha.values()] : [];
        for (const [sha, c] of shared.bySha) {
          if (!own?.bySha.has(sha)) all.push(c);
        }
      }
      return all;
    },
  };
}
