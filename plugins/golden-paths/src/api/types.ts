import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  GoldenPathDrift,
  GoldenPathTemplate,
  GoldenPathUpgradeStarted,
} from '@internal/plugin-golden-paths-common';

/** Filters of the /golden-paths page (all optional; kept in the URL). @public */
export type GoldenPathFilter = {
  template?: string;
  version?: string;
  owner?: string;
  behind?: boolean;
};

/** @public */
export interface GoldenPathsApi {
  getService(entityRef: string): Promise<GoldenPathDrift>;
  listServices(filter?: GoldenPathFilter): Promise<GoldenPathDrift[]>;
  listTemplates(): Promise<GoldenPathTemplate[]>;
  upgrade(
    entityRef: string,
    options?: { toVersion?: string; answers?: Record<string, unknown> },
  ): Promise<GoldenPathUpgradeStarted>;
}

/** @public */
export const goldenPathsApiRef = createApiRef<GoldenPathsApi>({
  id: 'plugin.golden-paths.api',
});
