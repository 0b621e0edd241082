import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { useMetrics } from '../../hooks';
import { formatKeyValue } from '../../lib/format';
import { DORA_KEYS, KEY_LABELS } from '../../lib/keys';
import { hasDeployments } from '../../lib/metrics';
import {
  DEFAULT_VIEW_STATE,
  serializeViewState,
  windowDays,
} from '../../lib/viewState';
import { rootRouteRef } from '../../routes';
import { TierBadge } from '../TierBadge';
import { TrendArrow } from '../TrendArrow';

/** Group page card: the team's five keys over the default window, linking to the leads page. */
export function GroupDoraCard() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const { window, environment } = DEFAULT_VIEW_STATE;
  const pageLink = useRouteRef(rootRouteRef);
  const { value, loading, error } = useMetrics({
    group: groupRef,
    window,
    environment,
  });

  const base = pageLink?.();
  const deepLink = base
    ? {
        title: 'Open in the DORA page',
        link: `${base}?${serializeViewState({
          ...DEFAULT_VIEW_STATE,
          team: groupRef,
        })}`,
      }
    : undefined;

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || !hasDeployments(value.metrics)) {
    body = (
      <EmptyState
        missing="data"
        title="No deployments in this window"
        description={`None of this team's services deployed to ${environment} in the last ${windowDays(
          window,
        )} days.`}
      />
    );
  } else {
    body = (
      <Table size="small" aria-label="DORA keys of this team">
        <TableBody>
          {DORA_KEYS.map(key => {
            const result = value.metrics[key];
            return (
              <TableRow key={key} data-testid={`key-${key}`}>
                <TableCell component="th" scope="row">
                  {KEY_LABELS[key]}
                </TableCell>
                <TableCell align="right">
                  {formatKeyValue(key, result.value)}
                </TableCell>
                <TableCell>
                  <TrendArrow doraKey={key} trend={result.trend} />
                </TableCell>
                <TableCell>
                  <TierBadge tier={result.tier} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="DORA metrics"
      subheader={`Last ${windowDays(
        window,
      )} days in ${environment}, sub-teams included`}
      deepLink={deepLink}
      noPadding={Boolean(value && hasDeployments(value.metrics))}
    >
      {body}
    </InfoCard>
  );
}
