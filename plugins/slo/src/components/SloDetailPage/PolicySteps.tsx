import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { SloWithState } from '../../api/types';
import { formatPercent } from '../../lib/format';
import { policyView } from '../../lib/policy';
import { remainingBudget } from '../../lib/status';
import { ToneChip } from '../shared';

/** The error budget policy's steps, the one in force highlighted. */
export function PolicySteps(props: { row: SloWithState }) {
  const { slo, state } = props.row;
  const view = policyView(slo, state.policyStep);
  const remaining = remainingBudget(state);
  let consumed: string;
  if (remaining === null) {
    consumed = 'No data in the current window, so no step applies.';
  } else if (remaining === -Infinity) {
    consumed = 'The budget is exhausted (a 100% objective allows no failures).';
  } else {
    consumed = `${formatPercent(1 - remaining)} of the budget consumed.`;
  }

  return (
    <>
      <Typography variant="body2" paragraph>
        {consumed}{' '}
        {state.policyStep
          ? `In force: ${state.policyStep.action}.`
          : remaining !== null && 'No step is in force.'}
        {view.isDefault &&
          " This SLO's spec has no policy of its own; the portal's default policy applies."}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label="Error budget policy">
          <TableHead>
            <TableRow>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                From consumed
              </TableCell>
              <TableCell>Action</TableCell>
              <TableCell>What it means</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>Deploys</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {view.steps.map(step => (
              <TableRow
                key={`${step.consumedPercent}-${step.action}`}
                selected={step.inForce}
                aria-current={step.inForce ? 'step' : undefined}
                data-testid="policy-step"
              >
                <TableCell>{step.consumedPercent}%</TableCell>
                <TableCell>
                  <strong>{step.action}</strong>
                </TableCell>
                <TableCell>{step.description ?? '—'}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {step.blocksDeploys ? 'blocked' : 'allowed'}
                </TableCell>
                <TableCell>
                  {step.inForce && <ToneChip label="In force" tone="warning" />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {view.policy.exemptions.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Exempt from deploy freezes: {view.policy.exemptions.join(', ')}
          </Typography>
        </Box>
      )}
    </>
  );
}
