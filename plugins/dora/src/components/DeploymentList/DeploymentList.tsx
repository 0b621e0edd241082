import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  DeploymentStatus,
  FailureReason,
  ListedDeployment,
  ReworkReason,
} from '@internal/plugin-dora-common';
import { useDeployments } from '../../hooks';
import { formatTimestamp, NO_DATA } from '../../lib/format';

export const DEPLOYMENT_LIST_LIMIT = 100;

const STATUS_LABELS: Record<DeploymentStatus, string> = {
  success: 'Success',
  failure: 'Failed',
  rolled_back: 'Rolled back',
  in_progress: 'In progress',
  cancelled: 'Cancelled',
};

const REASON_LABELS: Record<FailureReason | ReworkReason, string> = {
  failed: 'failed',
  'rolled-back': 'rolled back',
  'followed-by-rollback': 'followed by a rollback',
  'replaced-by-ancestor': 'replaced by an older version',
  'caused-incident': 'caused an incident',
  hotfix: 'rework: hotfix',
  'restored-incident': 'rework: restored an incident',
};

/** Why a deployment counted as failed or rework, as the figures counted it. */
export function countedAs(d: ListedDeployment): string {
  const reasons = [...(d.failureReasons ?? []), ...(d.reworkReasons ?? [])];
  return reasons.map(r => REASON_LABELS[r] ?? r).join(', ');
}

/** The deployments behind an entity's figures in one window, newest first. */
export function DeploymentList(props: {
  entityRef: string;
  environment: string;
  range: { from: string; to: string };
}) {
  const { value, loading, error } = useDeployments({
    entityRef: props.entityRef,
    environment: props.environment,
    from: props.range.from,
    to: props.range.to,
    limit: DEPLOYMENT_LIST_LIMIT,
  });

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No deployments in this window"
        description={`Nothing was deployed to ${
          props.environment
        } between ${formatTimestamp(props.range.from)} and ${formatTimestamp(
          props.range.to,
        )}.`}
      />
    );
  }
  return (
    <>
      <Table size="small" aria-label="Deployments">
        <TableHead>
          <TableRow>
            <TableCell>Finished</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Counted as</TableCell>
            <TableCell>Version</TableCell>
            <TableCell align="right">Commits</TableCell>
            <TableCell>Source</TableCell>
            <TableCell>Id</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(d => (
            <TableRow key={d.id} data-testid="deployment-row">
              <TableCell>{formatTimestamp(d.finishedAt)}</TableCell>
              <TableCell>{STATUS_LABELS[d.status] ?? d.status}</TableCell>
              <TableCell>{d.type}</TableCell>
              <TableCell>{countedAs(d) || NO_DATA}</TableCell>
              <TableCell>{d.version ?? NO_DATA}</TableCell>
              <TableCell align="right">{d.commitShas.length}</TableCell>
              <TableCell>{d.source}</TableCell>
              <TableCell>{d.id}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {value.length >= DEPLOYMENT_LIST_LIMIT && (
        <Typography variant="caption">
          Showing the newest {DEPLOYMENT_LIST_LIMIT} deployments of this window.
        </Typography>
      )}
    </>
  );
}
