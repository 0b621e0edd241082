import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useMetrics } from '../../hooks';
import { DoraPeriod, periodQuery } from '../../lib/period';
import { shortRef } from '@internal/portal-react';
import { DeploymentList } from '../DeploymentList';
import { KeyTiles } from '../KeyTiles';

/** Drill-down level 3: one service's keys and the deployments behind them. */
export function ServiceDrillDown(props: {
  entityRef: string;
  period: DoraPeriod;
  environment: string;
}) {
  const { entityRef, period, environment } = props;
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useMetrics({
    entityRef,
    ...periodQuery(period),
    environment,
  });

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    body = (
      <>
        <Box mb={2}>
          <KeyTiles metrics={value.metrics} />
        </Box>
        {/* The list uses the backend's window, so it shows exactly the deployments counted above. */}
        <DeploymentList
          entityRef={entityRef}
          environment={value.environment}
          range={value.window}
        />
      </>
    );
  }
  return (
    <InfoCard
      title={`Deployments of ${shortRef(entityRef, 'component')}`}
      deepLink={{
        title: 'Open its DORA tab',
        link: `${entityLink(entityRef)}/dora`,
      }}
    >
      {body}
    </InfoCard>
  );
}
