import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { MetricsQuery, MetricsResponse } from '../../api';
import { useMetrics } from '../../hooks';
import { DORA_KEYS } from '../../lib/keys';
import { hasDeployments } from '../../lib/metrics';
import { KeyCell } from '../KeyCell';
import { QueuedNote } from '../QueuedNote';

const KEY_COLUMNS = DORA_KEYS.length;

/**
 * One scope (org, team or service) of a MetricsTable. A row given `query` loads its own
 * figures, so one slow or failing service does not hold up the others; a row given `figures`
 * shows figures its table loaded for all rows at once (the leads page's teams).
 */
export function MetricsRow(
  props: {
    label: ReactNode;
    selected?: boolean;
    testId?: string;
  } & (
    | { query: MetricsQuery; figures?: undefined }
    | {
        figures: Pick<MetricsResponse, 'metrics' | 'queued'>;
        query?: undefined;
      }
  ),
) {
  const loaded = useMetrics(props.figures ? undefined : props.query);
  const { value, loading, error } = props.figures
    ? { value: props.figures, loading: false, error: undefined }
    : loaded;

  let cells: ReactNode;
  if (loading) {
    cells = (
      <TableCell colSpan={KEY_COLUMNS}>
        <Progress />
      </TableCell>
    );
  } else if (error) {
    cells = (
      <TableCell colSpan={KEY_COLUMNS}>
        <ResponseErrorPanel error={error} />
      </TableCell>
    );
  } else if (!value || !hasDeployments(value.metrics)) {
    cells = (
      <TableCell colSpan={KEY_COLUMNS}>
        <Typography variant="body2" color="textSecondary">
          No deployments in this window
        </Typography>
      </TableCell>
    );
  } else {
    cells = DORA_KEYS.map(key => (
      <KeyCell key={key} result={value.metrics[key]} />
    ));
  }

  return (
    <TableRow
      selected={props.selected}
      data-testid={props.testId ?? 'metrics-row'}
    >
      <TableCell component="th" scope="row">
        {props.label}
        {value && <QueuedNote queued={value.queued} />}
      </TableCell>
      {cells}
    </TableRow>
  );
}
