import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { isNotFound, shortRef } from '@internal/portal-react';
import type { SloDetail } from '../../api/types';
import { useEntityLink, useSlo, useSloListLink } from '../../hooks';
import { formatTime } from '../../lib/format';
import { Resolution, detailSearch, parseResolution } from '../../lib/viewState';
import { DeployGate } from '../DeployGate';
import { BudgetBurnDownChart, BurnRateChart, SliChart } from '../SloCharts';
import { AlertChip, MaybeLink, StatusChip } from '../shared';
import { AlertRulesTable } from './AlertRulesTable';
import { PolicySteps } from './PolicySteps';
import { ResolutionPicker } from './ResolutionPicker';
import { SloTiles } from './SloTiles';

/** One SLO: `?id=<slo id>&resolution=<1h|6h|1d>`, both kept in the URL. */
export function SloDetailPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const id = searchParams.get('id') || undefined;
  const resolution = parseResolution(searchParams);
  const setResolution = useCallback(
    (next: Resolution) =>
      id &&
      setSearchParams(new URLSearchParams(detailSearch(id, next)), {
        replace: true,
      }),
    [id, setSearchParams],
  );
  const listLink = useSloListLink();
  const slo = useSlo(id, resolution);

  const back = listLink && (
    <Box mb={2}>
      <Link to={listLink}>← All SLOs</Link>
    </Box>
  );

  let body;
  if (!id) {
    body = (
      <EmptyState
        missing="info"
        title="No SLO selected"
        description="Pick an SLO from the list of all SLOs."
      />
    );
  } else if (slo.loading && !slo.value) {
    body = <Progress />;
  } else if (slo.error && isNotFound(slo.error)) {
    // The backend answers 404 for an unknown SLO id: a state to explain (a
    // renamed or removed spec), not a failure.
    body = (
      <EmptyState
        missing="data"
        title="SLO not found"
        description={`There is no SLO with the id ${id}. Its spec may have been renamed or removed.`}
      />
    );
  } else if (slo.error) {
    body = <ResponseErrorPanel error={slo.error} />;
  } else if (slo.value) {
    body = (
      <SloDetailBody
        detail={slo.value}
        resolution={resolution}
        onResolutionChange={setResolution}
        reloading={slo.loading}
      />
    );
  }

  return (
    <Content>
      {back}
      {body}
    </Content>
  );
}

function SloDetailBody(props: {
  detail: SloDetail;
  resolution: Resolution;
  onResolutionChange: (r: Resolution) => void;
  reloading: boolean;
}) {
  const { detail, resolution } = props;
  const { slo, state } = detail;
  const entityLink = useEntityLink();

  return (
    <>
      <ContentHeader title={slo.name} description={slo.description}>
        <ResolutionPicker
          value={resolution}
          onChange={props.onResolutionChange}
        />
      </ContentHeader>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
        mb={2}
      >
        <StatusChip state={state} />
        <Typography variant="body2" component="span">
          Alert: <AlertChip severity={state.alert.severity} />
        </Typography>
        <Typography variant="body2" component="span">
          Entity:{' '}
          <MaybeLink to={entityLink(detail.entityRef)}>
            {shortRef(detail.entityRef, 'component')}
          </MaybeLink>
        </Typography>
        {detail.owner && (
          <Typography variant="body2" component="span">
            Owner:{' '}
            <MaybeLink to={entityLink(detail.owner)}>
              {shortRef(detail.owner, 'group')}
            </MaybeLink>
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary" component="span">
          {slo.id} · {slo.source.format} spec {slo.source.file} · newest data{' '}
          {formatTime(state.lastBucket)}
        </Typography>
      </Box>
      {props.reloading && <LinearProgress aria-label="Loading history" />}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <SloTiles row={detail} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="Budget burn-down">
            <BudgetBurnDownChart detail={detail} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="SLI">
            <SliChart detail={detail} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Burn rate">
            <BurnRateChart detail={detail} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Alert rules">
            <AlertRulesTable row={detail} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={4}>
          <InfoCard title="Deploy gate">
            <DeployGate entityRef={detail.entityRef} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={8}>
          <InfoCard title="Error budget policy">
            <PolicySteps row={detail} />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}
