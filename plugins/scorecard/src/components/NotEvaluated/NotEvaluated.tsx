import { EmptyState } from '@backstage/core-components';
import { useScorecardSchedule } from '../../hooks';

/**
 * The state of an entity the scheduled evaluation has not reached yet, saying when it will: the
 * schedule comes from the backend's configuration, so the text never contradicts it.
 */
export function NotEvaluated() {
  const { value: schedule, loading } = useScorecardSchedule();
  let when = 'on a schedule';
  if (schedule) when = schedule;
  return (
    <EmptyState
      missing="data"
      title="Not evaluated yet"
      description={
        loading
          ? 'This entity has no scorecard yet.'
          : `The scorecard is evaluated ${when}; this entity has no result yet.`
      }
    />
  );
}
