import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import BlockIcon from '@material-ui/icons/Block';
import { useToneTextStyles } from '@internal/portal-react';
import type { DeployGateDecision } from '../../api/types';
import { useGate } from '../../hooks';
import { policyStepLabel } from '../../lib/status';

/** "Deploys allowed" or "Deploys blocked", with an icon that differs by shape too. */
export function GateVerdict(props: { decision: DeployGateDecision }) {
  const classes = useToneTextStyles();
  const { allowed } = props.decision;
  const Icon = allowed ? CheckCircleIcon : BlockIcon;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Icon className={classes[allowed ? 'success' : 'error']} />
      <Typography
        variant="subtitle1"
        component="span"
        data-testid="gate-verdict"
      >
        {allowed ? 'Deploys allowed' : 'Deploys blocked'}
      </Typography>
    </Box>
  );
}

/**
 * What the deploy gate answers a CI pipeline asking to deploy the entity
 * now, and why. `compact` shows only the first reason of a denial.
 */
export function DeployGate(props: { entityRef: string; compact?: boolean }) {
  const gate = useGate(props.entityRef);
  if (gate.loading && !gate.value) return <Progress />;
  if (gate.error) {
    return (
      <ResponseErrorPanel
        title="The deploy gate could not be asked"
        error={gate.error}
      />
    );
  }
  const decision = gate.value;
  if (!decision) return null;

  let reasons = decision.reasons;
  if (props.compact) {
    reasons = decision.allowed ? [] : decision.reasons.slice(0, 1);
  }
  return (
    <Box component="section" aria-label="Deploy gate decision">
      <GateVerdict decision={decision} />
      {decision.policyStep && !props.compact && (
        <Typography variant="body2" color="textSecondary">
          Deciding policy step: {policyStepLabel(decision.policyStep)}
        </Typography>
      )}
      {reasons.length > 0 && (
        <Box component="ul" pl={2} my={1}>
          {reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}
