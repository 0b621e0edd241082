import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { SOURCE_TEMPLATE_ANNOTATION } from '@internal/plugin-golden-paths-common';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import { goldenPathsApi } from './api/extension';
import { rootRouteRef } from './routes';

/** page:golden-paths — templates × versions × services; also the sidebar item. */
export const goldenPathsPage = PageBlueprint.make({
  params: {
    path: '/golden-paths',
    title: 'Golden paths',
    icon: <CallSplitIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/GoldenPathsPage').then(m => <m.GoldenPathsPage />),
  },
});

/** entity-card:golden-paths/drift — on services created from a template. */
export const goldenPathCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    filter: {
      [`metadata.annotations.${SOURCE_TEMPLATE_ANNOTATION}`]: { $exists: true },
    },
    loader: () =>
      import('./components/GoldenPathCard').then(m => <m.GoldenPathCard />),
  },
});

/** @public */
export const goldenPathsPlugin = createFrontendPlugin({
  pluginId: 'golden-paths',
  title: 'Golden paths',
  icon: <CallSplitIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [goldenPathsApi, goldenPathsPage, goldenPathCard],
});
