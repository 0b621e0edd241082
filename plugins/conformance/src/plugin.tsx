import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { conformanceApi } from './api/extension';
import { hasKubernetesAnnotationFilter } from './lib/entity';
import { rootRouteRef } from './routes';

/** page:conformance — also yields the sidebar item, through its title and icon. */
export const conformancePage = PageBlueprint.make({
  params: {
    path: '/conformance',
    title: 'Conformance',
    icon: <VerifiedUserIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ConformancePage').then(m => <m.ConformancePage />),
  },
});

/** entity-card:conformance/summary */
export const conformanceEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: hasKubernetesAnnotationFilter,
    loader: () =>
      import('./components/ConformanceCard').then(m => <m.ConformanceCard />),
  },
});

/** entity-content:conformance/workloads */
export const conformanceEntityContent = EntityContentBlueprint.make({
  name: 'workloads',
  params: {
    path: '/conformance',
    title: 'Conformance',
    filter: hasKubernetesAnnotationFilter,
    loader: () =>
      import('./components/ConformanceTab').then(m => <m.ConformanceTab />),
  },
});

/** entity-card:conformance/group */
export const groupConformanceCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupConformanceCard').then(m => (
        <m.GroupConformanceCard />
      )),
  },
});

/** @public */
export const conformancePlugin = createFrontendPlugin({
  pluginId: 'conformance',
  title: 'Conformance',
  icon: <VerifiedUserIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    conformanceApi,
    conformancePage,
    conformanceEntityCard,
    conformanceEntityContent,
    groupConformanceCard,
  ],
});
