import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { doraApi } from './api/extension';
import { rootRouteRef } from './routes';

/** page:dora — also yields the sidebar item, through its title and icon. */
export const doraPage = PageBlueprint.make({
  params: {
    path: '/dora',
    title: 'DORA',
    icon: <TimelineIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/DoraPage').then(m => <m.DoraPage />),
  },
});

/** entity-content:dora/metrics */
export const doraEntityContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: '/dora',
    title: 'DORA',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDoraContent').then(m => (
        <m.EntityDoraContent />
      )),
  },
});

/** entity-card:dora/group */
export const groupDoraCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupDoraCard').then(m => <m.GroupDoraCard />),
  },
});

/** @public */
export const doraPlugin = createFrontendPlugin({
  pluginId: 'dora',
  title: 'DORA',
  icon: <TimelineIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [doraApi, doraPage, doraEntityContent, groupDoraCard],
});
