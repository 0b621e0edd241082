import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  CheckDescriptor,
  EntityConformance,
  WorkloadReport,
} from '@internal/plugin-conformance-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useChecks, useEntityConformance } from '../../hooks';
import {
  compareSeverities,
  compareVerdicts,
  workloadLabel,
  worstVerdict,
} from '../../lib/verdicts';
import { RefreshButton } from '../RefreshButton';
import { Score, SeverityChip } from '../shared';
import { VerdictCell } from './VerdictCell';

/** Every enabled check, plus any check the report mentions that the list lacks. */
function columnsFor(report: EntityConformance, checks: CheckDescriptor[]) {
  const ids = new Set(checks.filter(c => c.enabled).map(c => c.id));
  for (const w of report.workloads) {
    for (const r of w.results) ids.add(r.checkId);
  }
  const byId = new Map(checks.map(c => [c.id, c]));
  return [...ids]
    .map(id => ({ id, check: byId.get(id) }))
    .sort(
      (a, b) =>
        compareSeverities(
          a.check?.severity ?? 'low',
          b.check?.severity ?? 'low',
        ) || a.id.localeCompare(b.id),
    );
}

/** Workloads with failures first, so the rows that need work are on top. */
function sortWorkloads(workloads: WorkloadReport[]): WorkloadReport[] {
  const worst = (w: WorkloadReport) =>
    worstVerdict(w.results.map(r => r.verdict)) ?? 'not-applicable';
  return [...workloads].sort(
    (a, b) =>
      compareVerdicts(worst(a), worst(b)) ||
      workloadLabel(a.workload).localeCompare(workloadLabel(b.workload)),
  );
}

/** Entity tab: workload × check matrix, then what each check asks for. */
// Workload and check labels read best on one line; the table scrolls sideways instead.
const nowrap = { whiteSpace: 'nowrap' } as const;

export function ConformanceTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const state = useEntityConformance(entityRef);
  const checks = useChecks();

  if (state.loading || checks.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (checks.error) return <ResponseErrorPanel error={checks.error} />;
  if (!state.report) {
    return (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description="The conformance backend has no report for this entity."
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
  }

  const report = state.report;
  const allChecks = checks.value ?? [];
  const columns = columnsFor(report, allChecks);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Workloads"
          subheader={`Evaluated ${new Date(
            report.evaluatedAt,
          ).toLocaleString()}`}
          action={
            <Box display="flex" alignItems="center" style={{ gap: 16 }}>
              <Score score={report.score} variant="h6" />
              <RefreshButton
                entityRef={entityRef}
                size="small"
                refreshing={state.refreshing}
                onRefresh={() => state.refresh()}
              >
                Refresh
              </RefreshButton>
            </Box>
          }
        >
          {state.refreshError && (
            <ResponseErrorPanel
              title={`Refresh failed: ${state.refreshError.message}`}
              error={state.refreshError}
            />
          )}
          {report.clusterErrors.map(e => (
            <Typography key={e.cluster} color="error" variant="body2">
              Cluster {e.cluster} could not be read: {e.message}
            </Typography>
          ))}
          {report.workloads.length === 0 ? (
            <EmptyState
              missing="data"
              title="No workloads found"
              description="No Kubernetes workloads matched this entity's annotations in any cluster."
            />
          ) : (
            <TableContainer>
              <Table size="small" aria-label="Verdicts per workload">
                <TableHead>
                  <TableRow>
                    <TableCell>Cluster</TableCell>
                    <TableCell>Namespace</TableCell>
                    <TableCell>Kind</TableCell>
                    <TableCell>Name</TableCell>
                    {columns.map(c => (
                      <TableCell key={c.id} align="center">
                        <Tooltip title={c.check?.title ?? c.id}>
                          <span style={{ whiteSpace: 'nowrap' }}>
                            {c.check?.shortTitle ?? c.id}
                          </span>
                        </Tooltip>
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {sortWorkloads(report.workloads).map(
                    ({ workload, results }) => (
                      <TableRow key={workloadLabel(workload)}>
                        <TableCell style={nowrap}>{workload.cluster}</TableCell>
                        <TableCell style={nowrap}>
                          {workload.namespace}
                        </TableCell>
                        <TableCell style={nowrap}>{workload.kind}</TableCell>
                        <TableCell style={nowrap}>{workload.name}</TableCell>
                        {columns.map(c => (
                          <TableCell key={c.id} align="center">
                            <VerdictCell
                              result={results.find(r => r.checkId === c.id)}
                            />
                          </TableCell>
                        ))}
                      </TableRow>
                    ),
                  )}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Checks">
          {columns.map(({ id, check }) =>
            check ? <CheckDetails key={id} check={check} /> : null,
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function CheckDetails(props: { check: CheckDescriptor }) {
  const { check } = props;
  return (
    <Box mb={3} component="section" aria-label={check.title}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle1" component="h3">
          {check.title}
        </Typography>
        <SeverityChip severity={check.severity} />
      </Box>
      <Typography variant="body2">{check.rationale}</Typography>
      <Typography variant="body2" color="textSecondary">
        {check.remediation}
      </Typography>
      {check.remediationSnippet && (
        <CodeSnippet language="yaml" text={check.remediationSnippet} />
      )}
    </Box>
  );
}
