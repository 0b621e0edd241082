import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** @public */
export const doraPlugin = createFrontendPlugin({
  pluginId: 'dora',
  title: 'DORA',
  info: { packageJson: () => import('../package.json') },
  extensions: [],
});
