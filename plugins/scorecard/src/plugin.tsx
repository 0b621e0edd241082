import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { scorecardApi } from './api/extension';
import { rootRouteRef } from './routes';

/** page:scorecard — also yields the sidebar item, through its title and icon. */
export const scorecardPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <AssignmentTurnedInIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ScorecardPage').then(m => <m.ScorecardPage />),
  },
});

/** page:scorecard/campaigns — every campaign, or one with ?id= (burn-up, entities left). */
export const scorecardCampaignPage = PageBlueprint.make({
  name: 'campaigns',
  params: {
    path: '/scorecard-campaigns',
    title: 'Campaigns',
    loader: () =>
      import('./components/CampaignPage').then(m => <m.CampaignPage />),
  },
});

/** entity-card:scorecard/summary */
export const scorecardEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ScorecardCard').then(m => <m.ScorecardCard />),
  },
});

/** entity-content:scorecard/checks */
export const scorecardEntityContent = EntityContentBlueprint.make({
  name: 'checks',
  params: {
    path: '/scorecard',
    title: 'Scorecard',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ScorecardTab').then(m => <m.ScorecardTab />),
  },
});

/** entity-card:scorecard/rollup — on team and system pages. */
export const scorecardRollupCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: { kind: { $in: ['group', 'system'] } },
    loader: () => import('./components/RollupCard').then(m => <m.RollupCard />),
  },
});

/** @public */
export const scorecardPlugin = createFrontendPlugin({
  pluginId: 'scorecard',
  title: 'Scorecards',
  icon: <AssignmentTurnedInIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    scorecardApi,
    scorecardPage,
    scorecardCampaignPage,
    scorecardEntityCard,
    scorecardEntityContent,
    scorecardRollupCard,
  ],
});
