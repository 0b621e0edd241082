import { Slo } from '@internal/plugin-slo-common';
import { EntitySlos, SpecError } from './SloSpecProvider';
import { SloScope, inScope } from './sloScope';

/** An SLO with the catalog entity it belongs to. */
export interface RegisteredSlo {
  slo: Slo;
  entityRef: string;
  owner?: string;
  system?: string;
}

/**
 * The SLO specs currently known, in memory. Specs are derived data (catalog entity + spec
 * file) that are cheap to rebuild, so each replica refreshes its own copy on a local
 * schedule instead of sharing a table; only rollups, which are history, live in the database.
 */
export class SloRegistry {
  private entities = new Map<string, EntitySlos>();
  private byId = new Map<string, RegisteredSlo>();
  private loaded: Promise<void>;
  private markLoaded!: () => void;
  private loadedAt?: Date;

  constructor() {
    this.loaded = new Promise(resolve => {
      this.markLoaded = resolve;
    });
  }

  replace(entities: EntitySlos[], at = new Date()): void {
    this.entities = new Map(entities.map(e => [e.entityRef, e]));
    this.byId = new Map();
    for (const e of entities) {
      for (const slo of e.slos) {
        this.byId.set(slo.id, {
          slo,
          entityRef: e.entityRef,
          ...(e.owner ? { owner: e.owner } : {}),
          ...(e.system ? { system: e.system } : {}),
        });
      }
    }
    this.loadedAt = at;
    this.markLoaded();
  }

  /** Resolves once the first refresh has completed (or at once after it). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  isLoaded(): boolean {
    return this.loadedAt !== undefined;
  }

  list(): RegisteredSlo[] {
    return [...this.byId.values()];
  }

  get(id: string): RegisteredSlo | undefined {
    return this.byId.get(id);
  }

  /** Spec errors of the entities matching owner/system, for the list's error rows. */
  specErrors(
    scope: SloScope = {},
  ): Array<SpecError & { entityRef: string; owner?: string; system?: string }> {
    return [...this.entities.values()]
      .filter(e => inScope(e, scope))
      .flatMap(e =>
        e.errors.map(error => ({
          entityRef: e.entityRef,
          ...(e.owner ? { owner: e.owner } : {}),
          ...(e.system ? { system: e.system } : {}),
          ...error,
        })),
      );
  }

  entity(entityRef: string): EntitySlos | undefined {
    return this.entities.get(entityRef);
  }
}
