/**
 * Scaffolder actions of the portal's golden paths, and the catalog module that registers the
 * repositories they publish on disk.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { goldenPathsCatalogModule } from './catalogModule';
import { goldenPathsModule } from './module';

export { goldenPathsModule, goldenPathsCatalogModule };

/** Both modules, so the backend adds the package with one line. @public */
export default createBackendFeatureLoader({
  *loader() {
    yield goldenPathsModule;
    yield goldenPathsCatalogModule;
  },
});

// The render, drift and upgrade core, for the golden-paths backend's drift scan.
export {
  TemplateVersions,
  snapshotTemplateVersion,
} from './goldenPath/versions';
export type { TemplateVersion } from './goldenPath/versions';
export { inspectDrift, planUpgrade } from './goldenPath/upgrade';
export { renderTemplateVersion } from './goldenPath/render';
export { readBranch } from './goldenPath/localRepository';
export type { FileSet } from './goldenPath/render';
export { localRepositoryOf, readRemoteRepository } from './actions/upgrade';
export { readGoldenPathsConfig, readTemplateRoot } from './config';
