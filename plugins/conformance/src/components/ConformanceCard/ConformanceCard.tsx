import { ReactNode } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  CheckDescriptor,
  EntityConformance,
} from '@internal/plugin-conformance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useChecks, useEntityConformance } from '../../hooks';
import { compareSeverities, groupResultsByCheck } from '../../lib/verdicts';
import { RefreshButton } from '../RefreshButton';
import { Score } from '../shared';
import { FailingCheckItem } from './FailingCheckItem';

/** Entity overview card: the score, what fails and how to fix it. */
export function ConformanceCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink()(entity);
  const state = useEntityConformance(entityRef);
  const checks = useChecks();

  const refreshButton = (
    <RefreshButton
      entityRef={entityRef}
      size="small"
      startIcon={<RefreshIcon />}
      refreshing={state.refreshing}
      onRefresh={() => state.refresh()}
    >
      {state.refreshing ? 'Refreshing…' : 'Refresh'}
    </RefreshButton>
  );

  let body: ReactNode;
  if (state.loading || checks.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (state.notEvaluated || !state.report) {
    body = (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description="The conformance backend has no report for this entity. Evaluate it now to see how its workloads measure up."
        action={
          <RefreshButton
            entityRef={entityRef}
            variant="contained"
            color="primary"
            refreshing={state.refreshing}
            onRefresh={() => state.refresh()}
          >
            Evaluate now
          </RefreshButton>
        }
      />
    );
  } else {
    body = <ReportSummary report={state.report} checks={checks.value ?? []} />;
  }

  return (
    <InfoCard
      title="Conformance"
      subheader={
        state.report
          ? `Evaluated ${new Date(state.report.evaluatedAt).toLocaleString()}`
          : undefined
      }
      action={refreshButton}
      actions={
        <Box display="flex" style={{ gap: 16 }}>
          <Link to={`${entityLink}/conformance`}>All results</Link>
          <Link to={`${entityLink}/kubernetes`}>Kubernetes workloads</Link>
        </Box>
      }
    >
      {state.refreshError && (
        <Box mb={2}>
          <ResponseErrorPanel
            title={`Refresh failed: ${state.refreshError.message}`}
            error={state.refreshError}
          />
        </Box>
      )}
      {body}
    </InfoCard>
  );
}

function ReportSummary(props: {
  report: EntityConformance;
  checks: CheckDescriptor[];
}) {
  const { report, checks } = props;
  const checksById = new Map(checks.map(c => [c.id, c]));
  const failing = [...groupResultsByCheck(report.workloads, 'fail')].sort(
    ([a, aOcc], [b, bOcc]) =>
      compareSeverities(
        checksById.get(a)?.severity ?? aOcc[0].result.severity,
        checksById.get(b)?.severity ?? bOcc[0].result.severity,
      ) || a.localeCompare(b),
  );
  const exempt = [...groupResultsByCheck(report.workloads, 'exempt')];

  return (
    <>
      {report.clusterErrors.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            title={`${report.clusterErrors.length} cluster(s) could not be read; their workloads are missing`}
          >
            <ul>
              {report.clusterErrors.map(e => (
                <li key={e.cluster}>
                  <strong>{e.cluster}</strong>: {e.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      {report.workloads.length === 0 ? (
        <EmptyState
          missing="data"
          title="No workloads found"
          description="No Kubernetes workloads matched this entity's annotations in any cluster."
        />
      ) : (
        <>
          <Box display="flex" alignItems="baseline" style={{ gap: 24 }} mb={2}>
            <Score score={report.score} variant="h2" />
            <Typography variant="body1" data-testid="verdict-counts">
              {report.summary.pass} pass · {report.summary.fail} fail ·{' '}
              {report.summary.exempt} exempt
            </Typography>
          </Box>
          {failing.length > 0 ? (
            <Section title="Failing checks">
              {failing.map(([checkId, occurrences]) => (
                <FailingCheckItem
                  key={checkId}
                  checkId={checkId}
                  check={checksById.get(checkId)}
                  occurrences={occurrences}
                />
              ))}
            </Section>
          ) : (
            <Typography variant="body1">Every check passes.</Typography>
          )}
          {exempt.length > 0 && (
            <Section title="Exemptions">
              {exempt.map(([checkId, occurrences]) => (
                <li key={checkId}>
                  <Typography variant="body2">
                    <strong>{checksById.get(checkId)?.title ?? checkId}</strong>
                    {': '}
                    {uniqueReasons(
                      occurrences.map(o => o.result.exemptionReason),
                    )}
                  </Typography>
                </li>
              ))}
            </Section>
          )}
        </>
      )}
    </>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Box component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
        {props.children}
      </Box>
    </Box>
  );
}

function uniqueReasons(reasons: (string | undefined)[]): string {
  const unique = [...new Set(reasons.filter(Boolean))];
  return unique.length > 0 ? unique.join('; ') : 'No reason given';
}
