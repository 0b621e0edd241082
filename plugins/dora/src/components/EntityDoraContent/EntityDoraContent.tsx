import { useMemo } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useViewState } from '@internal/portal-react';
import { useDeployments, useMetrics } from '../../hooks';
import { hasDeployments } from '../../lib/metrics';
import { deploymentsPerWeek } from '../../lib/outcomes';
import { parseViewState, serializeViewState } from '../../lib/viewState';
import { periodPhrase, periodQuery } from '../../lib/period';
import { DeploymentOutcomesChart } from '../DeploymentOutcomesChart';
import { KeyTiles } from '../KeyTiles';
import { LeadTimeChart } from '../LeadTimeChart';
import { QueuedNote } from '../QueuedNote';
import { RecoveryChart } from '../RecoveryChart';
import { StabilityChart } from '../StabilityChart';
import { ViewPickers } from '../ViewPickers';

/** The backend's maximum; 180 days of even an elite service fit comfortably. */
const OUTCOME_LIMIT = 1000;

/** Outcomes per week need the raw deployments; the keys alone only give counts per key. */
function OutcomesPanel(props: {
  entityRef: string;
  environment: string;
  range: { from: string; to: string };
}) {
  const { value, loading, error } = useDeployments({
    entityRef: props.entityRef,
    environment: props.environment,
    from: props.range.from,
    to: props.range.to,
    limit: OUTCOME_LIMIT,
  });
  const weeks = useMemo(
    () => deploymentsPerWeek(value ?? [], props.range),
    [value, props.range],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return <DeploymentOutcomesChart weeks={weeks} />;
}

/** Entity tab: the five keys of one component and the charts behind them. */
export function EntityDoraContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [view, setView] = useViewState(parseViewState, serializeViewState);
  const { value, loading, error } = useMetrics({
    entityRef,
    ...periodQuery(view),
    environment: view.environment,
  });

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
        description={`${
          entity.metadata.title ?? entity.metadata.name
        } has no completed deployments to ${view.environment} in ${periodPhrase(
          view,
        )}. Deployments arrive from CI/CD through the DORA backend's POST /events.`}
      />
    );
  } else {
    const { metrics } = value;
    body = (
      <>
        <Box mb={3}>
          <KeyTiles metrics={metrics} />
        </Box>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <OutcomesPanel
              entityRef={entityRef}
              environment={value.environment}
              range={value.window}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <LeadTimeChart result={metrics.changeLeadTime} />
          </Grid>
          <Grid item xs={12} md={6}>
            <StabilityChart
              failureRate={metrics.changeFailureRate}
              reworkRate={metrics.deploymentReworkRate}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <RecoveryChart result={metrics.failedDeploymentRecoveryTime} />
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <>
      <ViewPickers
        window={view.window}
        month={view.month}
        environment={view.environment}
        onChange={next => setView({ ...view, ...next })}
      />
      {value && (
        <Box mb={1}>
          <QueuedNote queued={value.queued} />
        </Box>
      )}
      {body}
    </>
  );
}
