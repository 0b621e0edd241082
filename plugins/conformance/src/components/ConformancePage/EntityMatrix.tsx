import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { CheckDescriptor } from '@internal/plugin-conformance-common';
import { shortRef } from '@internal/portal-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { EntitySummary } from '../../api';
import { SortDirection } from '../../lib/viewState';
import { Score, VerdictIcon } from '../shared';

/** Rows are entities, columns are checks; each cell is the entity's worst verdict. */
// Names and refs read best on one line; the matrix scrolls sideways instead.
const nowrap = { whiteSpace: 'nowrap' } as const;

export function EntityMatrix(props: {
  rows: EntitySummary[];
  checks: CheckDescriptor[];
  sort: SortDirection;
  onToggleSort: () => void;
}) {
  const { rows, checks, sort, onToggleSort } = props;
  const entityLink = useEntityRefLink();

  return (
    <TableContainer>
      <Table size="small" aria-label="Conformance by entity and check">
        <TableHead>
          <TableRow>
            <TableCell style={nowrap}>Entity</TableCell>
            <TableCell style={nowrap}>Owner</TableCell>
            <TableCell style={nowrap}>System</TableCell>
            <TableCell sortDirection={sort} style={nowrap}>
              <TableSortLabel active direction={sort} onClick={onToggleSort}>
                Score
              </TableSortLabel>
            </TableCell>
            {checks.map(c => (
              <TableCell key={c.id} align="center">
                <Tooltip title={`${c.title} (${c.severity}): ${c.rationale}`}>
                  <span style={nowrap}>{c.shortTitle}</span>
                </Tooltip>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={4 + checks.length} align="center">
                No entities match these filters.
              </TableCell>
            </TableRow>
          )}
          {rows.map(row => (
            <TableRow key={row.entityRef} data-testid="entity-row">
              <TableCell style={nowrap}>
                <Link to={entityLink(row.entityRef)}>
                  {row.title ?? shortRef(row.entityRef, 'component')}
                </Link>
              </TableCell>
              <TableCell style={nowrap}>
                {shortRef(row.owner, 'group')}
              </TableCell>
              <TableCell style={nowrap}>
                {shortRef(row.system, 'system')}
              </TableCell>
              <TableCell>
                {row.pending ? (
                  <Typography variant="body2" color="textSecondary">
                    pending
                  </Typography>
                ) : (
                  <Score score={row.score} />
                )}
              </TableCell>
              {checks.map(c => {
                const verdict = row.verdicts[c.id];
                return (
                  <TableCell key={c.id} align="center">
                    {verdict ? (
                      <VerdictIcon verdict={verdict} fontSize="small" />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
