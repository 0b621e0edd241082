import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { SloWithState } from '../../api/types';
import { AlertRuleRow, alertRules } from '../../lib/alerts';
import { formatBurnRate, formatDuration, formatFactor } from '../../lib/format';
import { ToneChip } from '../shared';

function RuleState(props: { rule: AlertRuleRow }) {
  const { rule } = props;
  if (rule.state === 'firing') {
    return (
      <ToneChip
        label="Firing"
        tone={rule.severity === 'page' ? 'error' : 'warning'}
      />
    );
  }
  if (rule.state === 'no-data') {
    return <ToneChip label="No data" tone="default" />;
  }
  return <ToneChip label="OK" tone="success" />;
}

/**
 * The SLO's multi-window, multi-burn-rate rules: a rule fires when the burn
 * rate over both its long and its short window exceeds its factor.
 */
export function AlertRulesTable(props: { row: SloWithState }) {
  const rules = alertRules(props.row.slo, props.row.state);
  return (
    <TableContainer>
      <Table size="small" aria-label="Alert rules">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Long window</TableCell>
            <TableCell>Short window</TableCell>
            <TableCell>Threshold</TableCell>
            <TableCell>Burn (long)</TableCell>
            <TableCell>Burn (short)</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map(rule => (
            <TableRow
              key={`${rule.severity}-${rule.longWindow}-${rule.shortWindow}`}
              data-testid="alert-rule"
            >
              <TableCell>{rule.severity}</TableCell>
              <TableCell>{formatDuration(rule.longWindow)}</TableCell>
              <TableCell>{formatDuration(rule.shortWindow)}</TableCell>
              <TableCell>{formatFactor(rule.factor)}</TableCell>
              <TableCell>{formatBurnRate(rule.longBurn)}</TableCell>
              <TableCell>{formatBurnRate(rule.shortBurn)}</TableCell>
              <TableCell>
                <RuleState rule={rule} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
