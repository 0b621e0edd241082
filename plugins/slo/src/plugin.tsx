import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import { sloApi } from './api/extension';
import { hasSloSpecFilter } from './lib/entity';
import { rootRouteRef, sloDetailRouteRef } from './routes';

/** page:slo — the org-wide list and, under it, one SLO; its title and icon make the sidebar item. */
export const sloPage = PageBlueprint.make({
  params: {
    path: '/slos',
    title: 'SLOs',
    icon: <TrackChangesIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/SloPage').then(m => <m.SloPage />),
  },
});

/** entity-card:slo/summary */
export const sloEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: hasSloSpecFilter,
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/** entity-content:slo/slos */
export const sloEntityContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: '/slos',
    title: 'SLOs',
    filter: hasSloSpecFilter,
    loader: () =>
      import('./components/EntitySlosTab').then(m => <m.EntitySlosTab />),
  },
});

/** @public */
export const sloPlugin = createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  icon: <TrackChangesIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, sloDetail: sloDetailRouteRef },
  extensions: [sloApi, sloPage, sloEntityCard, sloEntityContent],
});
