import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useMetrics } from '../../hooks';
import { shortRef } from '@internal/portal-react';
import { periodQuery } from '../../lib/period';
import { DoraViewState, serializeViewState } from '../../lib/viewState';
import { MetricsRow } from '../MetricsRow';
import { MetricsTable } from '../MetricsTable';

/** Drill-down level 2: the entities a team (and its sub-teams) owns, one row each. */
export function TeamServices(props: {
  view: DoraViewState & { team: string };
  teamTitle: string;
}) {
  const { view, teamTitle } = props;
  const { value, loading, error } = useMetrics({
    group: view.team,
    ...periodQuery(view),
    environment: view.environment,
  });
  const entityRefs = value?.entityRefs ?? [];

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (entityRefs.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No services"
        description={`${teamTitle} and its sub-teams own no catalog entities.`}
      />
    );
  } else {
    body = (
      <MetricsTable label={`Services of ${teamTitle}`} scopeHeader="Service">
        {entityRefs.map(ref => (
          <MetricsRow
            key={ref}
            testId="service-row"
            selected={view.service === ref}
            query={{
              entityRef: ref,
              ...periodQuery(view),
              environment: view.environment,
            }}
            label={
              <Link
                to={`?${serializeViewState({ ...view, service: ref })}`}
                title="Show its deployments"
              >
                {shortRef(ref, 'component')}
              </Link>
            }
          />
        ))}
      </MetricsTable>
    );
  }
  return (
    <InfoCard
      title={`Services of ${teamTitle}`}
      noPadding={entityRefs.length > 0}
    >
      {body}
    </InfoCard>
  );
}
