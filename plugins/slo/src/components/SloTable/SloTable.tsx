import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { shortRef } from '@internal/portal-react';
import type { SloWithState } from '../../api/types';
import { useEntityLink, useSloDetailLink } from '../../hooks';
import {
  formatBurnRate,
  formatObjective,
  formatSli,
  formatSloWindow,
} from '../../lib/format';
import { burnRateOver } from '../../lib/status';
import { SortDirection, SortKey } from '../../lib/viewState';
import { AlertChip, BudgetBar, MaybeLink, StatusChip } from '../shared';

const nowrap = { whiteSpace: 'nowrap' } as const;

export interface SloTableSort {
  key: SortKey;
  direction: SortDirection;
  onSort: (key: SortKey) => void;
}

/**
 * SLOs with their current budget, one row each. The SLO name links to its
 * detail page; the entity to its catalog page. Columns can be sorted when
 * `sort` is given.
 */
export function SloTable(props: {
  rows: SloWithState[];
  label: string;
  /** Off on an entity's own tab, where every row is the same entity. */
  showEntity?: boolean;
  sort?: SloTableSort;
  emptyMessage?: string;
}) {
  const { rows, label, showEntity = true, sort } = props;
  const detailLink = useSloDetailLink();
  const entityLink = useEntityLink();

  const header = (key: SortKey | undefined, title: string, hint?: string) => {
    // Multi-word headers may wrap between words (the org-wide table has nine
    // columns) but never inside one: each word is kept whole, so a narrow
    // column is as wide as its longest word.
    const words = title.split(' ').flatMap((word, i) => [
      ...(i > 0 ? [' '] : []),
      <span key={i} style={nowrap}>
        {word}
      </span>,
    ]);
    const text = hint ? (
      <Tooltip title={hint}>
        <span>{words}</span>
      </Tooltip>
    ) : (
      <span>{words}</span>
    );
    if (!sort || !key) {
      return <TableCell>{text}</TableCell>;
    }
    const active = sort.key === key;
    return (
      <TableCell sortDirection={active ? sort.direction : false}>
        <TableSortLabel
          active={active}
          direction={active ? sort.direction : 'asc'}
          onClick={() => sort.onSort(key)}
        >
          {text}
        </TableSortLabel>
      </TableCell>
    );
  };

  const columns = showEntity ? 9 : 8;
  return (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {header('name', 'SLO')}
            {showEntity && header(undefined, 'Entity')}
            {header('objective', 'Objective')}
            {header('sli', 'SLI', 'Share of good events over the SLO window')}
            {header('budget', 'Budget remaining')}
            {header(
              'burn',
              'Burn rate (1h)',
              '1× spends exactly the whole budget over the SLO window',
            )}
            {header(undefined, 'Alert')}
            {header(undefined, 'Policy step')}
            {header('status', 'Status')}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns} align="center">
                {props.emptyMessage ?? 'No SLOs match these filters.'}
              </TableCell>
            </TableRow>
          )}
          {rows.map(row => (
            <SloRow
              key={row.slo.id}
              row={row}
              showEntity={showEntity}
              detailLink={detailLink?.(row.slo.id)}
              entityLink={entityLink(row.entityRef)}
            />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function SloRow(props: {
  row: SloWithState;
  showEntity: boolean;
  detailLink?: string;
  entityLink?: string;
}) {
  const { row, showEntity, detailLink, entityLink } = props;
  const { slo, state } = row;
  return (
    <TableRow data-testid="slo-row" data-slo-id={slo.id}>
      <TableCell>
        <Tooltip title={showEntity ? slo.description ?? '' : ''}>
          <Typography variant="body2" component="div" style={nowrap}>
            <MaybeLink to={detailLink}>{slo.name}</MaybeLink>
          </Typography>
        </Tooltip>
        {/* The org-wide table is wide already; there the description is a tooltip. */}
        {!showEntity && slo.description && (
          <Typography variant="caption" color="textSecondary">
            {slo.description}
          </Typography>
        )}
      </TableCell>
      {showEntity && (
        <TableCell style={nowrap}>
          <MaybeLink to={entityLink}>
            {shortRef(row.entityRef, 'component')}
          </MaybeLink>
          {row.owner && (
            <Typography variant="caption" color="textSecondary" component="div">
              {shortRef(row.owner, 'group')}
            </Typography>
          )}
        </TableCell>
      )}
      <TableCell style={nowrap}>
        {formatObjective(slo.objectivePercent)}
        <Typography variant="caption" color="textSecondary" component="div">
          {formatSloWindow(slo.window)}
        </Typography>
      </TableCell>
      <TableCell style={nowrap} data-testid="sli">
        {formatSli(state.sli)}
      </TableCell>
      <TableCell data-testid="budget">
        <BudgetBar state={state} width={72} />
      </TableCell>
      <TableCell style={nowrap} data-testid="burn">
        {formatBurnRate(burnRateOver(state))}
      </TableCell>
      <TableCell>
        <AlertChip severity={state.alert.severity} />
      </TableCell>
      <TableCell style={nowrap} data-testid="policy-step">
        {state.policyStep ? (
          <Tooltip title={state.policyStep.description ?? ''}>
            <span>
              {state.policyStep.action}
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                from {state.policyStep.consumedPercent}% consumed
              </Typography>
            </span>
          </Tooltip>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>
        <StatusChip state={state} />
      </TableCell>
    </TableRow>
  );
}
