import { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { DORA_KEYS, KEY_LABELS, KEY_SHORT_LABELS } from '../../lib/keys';

/** Scopes × the five keys; rows are MetricsRow elements. */
export function MetricsTable(props: {
  label: string;
  scopeHeader: string;
  children: ReactNode;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{props.scopeHeader}</TableCell>
          {DORA_KEYS.map(key => (
            <TableCell key={key} title={KEY_LABELS[key]}>
              {KEY_SHORT_LABELS[key]}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{props.children}</TableBody>
    </Table>
  );
}
