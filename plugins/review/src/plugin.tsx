import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { reviewApi } from './api/extension';
import { rootRouteRef } from './routes';

/** page:review — also yields the sidebar item, through its title and icon. */
export const reviewPage = PageBlueprint.make({
  params: {
    path: '/review',
    title: 'Monthly review',
    icon: <AssessmentIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/ReviewPage').then(m => <m.ReviewPage />),
  },
});

/** @public */
export const reviewPlugin = createFrontendPlugin({
  pluginId: 'review',
  title: 'Monthly review',
  icon: <AssessmentIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [reviewApi, reviewPage],
});
