import { createBackendModule } from '@backstage/backend-plugin-api';

/** @public */
export const goldenPathsModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-paths',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
