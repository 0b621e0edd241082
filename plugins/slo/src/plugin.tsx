import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** @public */
export const sloPlugin = createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  info: { packageJson: () => import('../package.json') },
  extensions: [],
});
