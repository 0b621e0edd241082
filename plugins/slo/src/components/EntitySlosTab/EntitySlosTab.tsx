import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useEntitySlos } from '../../hooks';
import { SLO_SPEC_ANNOTATION } from '../../lib/entity';
import { applyListView } from '../../lib/viewState';
import { DeployGate } from '../DeployGate';
import { SloTable } from '../SloTable';
import { SpecErrors } from '../SpecErrors';

/** Entity tab: the entity's SLOs, least budget first, its spec errors and its deploy gate. */
export function EntitySlosTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const state = useEntitySlos(entityRef);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (state.notFound || !state.value) {
    return (
      <EmptyState
        missing="data"
        title="No SLOs found"
        description={`The SLO backend has not read an SLO spec for this entity. Check that its ${SLO_SPEC_ANNOTATION} annotation points at a Sloth, OpenSLO or plain SLO spec; specs are re-read every few minutes.`}
      />
    );
  }

  const { slos, errors } = state.value;
  const rows = applyListView(slos, {});
  return (
    <Grid container spacing={3}>
      {errors.length > 0 && (
        <Grid item xs={12}>
          <SpecErrors errors={errors} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Service level objectives">
          {rows.length === 0 ? (
            <EmptyState
              missing="data"
              title="No SLOs in the spec"
              description={
                errors.length > 0
                  ? 'Fix the spec errors above and the SLOs will appear.'
                  : 'The spec this entity points at defines no SLOs.'
              }
            />
          ) : (
            <SloTable
              rows={rows}
              label="SLOs of this entity"
              showEntity={false}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Deploy gate">
          <DeployGate entityRef={entityRef} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
