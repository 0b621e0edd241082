import { ReactNode } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useToneTextStyles } from '@internal/portal-react';
import type { SloWithState } from '../../api/types';
import { useEntityLink, useEntitySlos, useSloDetailLink } from '../../hooks';
import { worstStep } from '../../lib/policy';
import {
  ALERT_LABELS,
  policyStepLabel,
  remainingBudget,
} from '../../lib/status';
import { applyListView } from '../../lib/viewState';
import { DeployGate } from '../DeployGate';
import { BudgetBar, MaybeLink } from '../shared';

function Fact(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title} mb={2}>
      <Typography variant="overline" color="textSecondary" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function SloName(props: { row: SloWithState }) {
  const link = useSloDetailLink();
  const { slo } = props.row;
  return <MaybeLink to={link?.(slo.id)}>{slo.name}</MaybeLink>;
}

/** Entity overview card: worst budget, firing alerts, policy step and the deploy gate. */
export function EntitySloCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityLink()(entityRef);
  const tabLink = entityLink && `${entityLink}/slos`;
  const state = useEntitySlos(entityRef);
  const texts = useToneTextStyles();

  let body: ReactNode;
  if (state.loading && !state.value) {
    body = <Progress />;
  } else if (state.error) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (
    state.notFound ||
    !state.value ||
    (state.value.slos.length === 0 && state.value.errors.length === 0)
  ) {
    body = (
      <EmptyState
        missing="data"
        title="No SLOs found"
        description="The SLO backend has not read an SLO spec for this entity yet."
      />
    );
  } else {
    const { slos, errors } = state.value;
    // Least remaining first, no data last: the first row is the worst budget.
    const rows = applyListView(slos, {});
    const worst = rows.find(r => remainingBudget(r.state) !== null);
    const firing = rows.filter(
      r =>
        r.state.alert.severity === 'page' ||
        r.state.alert.severity === 'ticket',
    );
    const step = worstStep(rows.map(r => r.state.policyStep));
    const stepOwner = step && rows.find(r => r.state.policyStep === step);

    body = (
      <>
        {errors.length > 0 && (
          <Box mb={2}>
            <Typography variant="body2" className={texts.error}>
              {errors.length === 1
                ? '1 SLO spec error'
                : `${errors.length} SLO spec errors`}
              ; <MaybeLink to={tabLink}>see the SLOs tab</MaybeLink>.
            </Typography>
          </Box>
        )}
        <Fact title="Worst budget remaining">
          {worst ? (
            <>
              <BudgetBar state={worst.state} width={160} />
              <Typography variant="body2">
                <SloName row={worst} />
              </Typography>
            </>
          ) : (
            <Typography variant="body2" color="textSecondary">
              no data
            </Typography>
          )}
        </Fact>
        <Fact title="Alerts">
          {firing.length === 0 ? (
            <Typography variant="body2">No alerts firing</Typography>
          ) : (
            firing.map(r => (
              <Typography
                key={r.slo.id}
                variant="body2"
                className={
                  texts[r.state.alert.severity === 'page' ? 'error' : 'warning']
                }
              >
                {ALERT_LABELS[r.state.alert.severity]} alert firing:{' '}
                <SloName row={r} />
              </Typography>
            ))
          )}
        </Fact>
        <Fact title="Policy step">
          {step ? (
            <Typography variant="body2">
              {policyStepLabel(step)}
              {stepOwner && (
                <>
                  {' '}
                  (<SloName row={stepOwner} />)
                </>
              )}
            </Typography>
          ) : (
            <Typography variant="body2">No policy step in force</Typography>
          )}
        </Fact>
        <Fact title="Deploy gate">
          <DeployGate entityRef={entityRef} compact />
        </Fact>
      </>
    );
  }

  return (
    <InfoCard
      title="SLOs"
      deepLink={
        tabLink
          ? { title: 'All SLOs of this entity', link: tabLink }
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
