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
