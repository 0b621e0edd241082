import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { shortRef } from '@internal/portal-react';
import type { SloMonthItem } from '../../api/types';
import { useEntityLink, useSloDetailLink } from '../../hooks';
import {
  formatBudget,
  formatObjective,
  formatSli,
  formatSloWindow,
} from '../../lib/format';
import { MaybeLink } from '../shared';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** The verdict of one SLO over the month: met, missed, or no events to judge. */
function Verdict(props: { met: boolean | null }) {
  if (props.met === null) {
    return <Chip size="small" variant="outlined" label="No data" />;
  }
  return props.met ? (
    <Chip size="small" label="Met" style={{ background: '#c8e6c9' }} />
  ) : (
    <Chip size="small" label="Missed" style={{ background: '#ffcdd2' }} />
  );
}

/**
 * SLOs over one calendar month, one row each: the month's SLI against the objective and the
 * budget left at month end with the month as the budget period, from the month's events.
 */
export function SloMonthTable(props: { rows: SloMonthItem[]; label: string }) {
  const { rows, label } = props;
  const detailLink = useSloDetailLink();
  const entityLink = useEntityLink();
  return (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>SLO</TableCell>
            <TableCell>Entity</TableCell>
            <TableCell>Objective</TableCell>
            <TableCell>SLI over the month</TableCell>
            <TableCell>Objective met</TableCell>
            <TableCell>Budget left at month end</TableCell>
            <TableCell>Good / total events</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={7} align="center">
                No SLOs match these filters.
              </TableCell>
            </TableRow>
          )}
          {rows.map(row => (
            <TableRow
              key={row.slo.id}
              data-testid="slo-month-row"
              data-slo-id={row.slo.id}
            >
              <TableCell style={nowrap}>
                <MaybeLink to={detailLink?.(row.slo.id)}>
                  {row.slo.name}
                </MaybeLink>
              </TableCell>
              <TableCell style={nowrap}>
                <MaybeLink to={entityLink(row.entityRef)}>
                  {shortRef(row.entityRef, 'component')}
                </MaybeLink>
                {row.owner && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {shortRef(row.owner, 'group')}
                  </Typography>
                )}
              </TableCell>
              <TableCell style={nowrap}>
                {formatObjective(row.slo.objectivePercent)}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  own window: {formatSloWindow(row.slo.window)}
                </Typography>
              </TableCell>
              <TableCell style={nowrap} data-testid="month-sli">
                {formatSli(row.sli)}
              </TableCell>
              <TableCell data-testid="month-met">
                <Verdict met={row.met} />
              </TableCell>
              <TableCell style={nowrap} data-testid="month-budget">
                {formatBudget(row.budgetRemaining)}
              </TableCell>
              <TableCell style={nowrap} data-testid="month-events">
                {row.good.toLocaleString('en-US')} /{' '}
                {row.total.toLocaleString('en-US')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
