import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { shortRef } from '@internal/portal-react';
import type { SloSpecError } from '../../api/types';
import { useEntityLink } from '../../hooks';
import { specErrorLocation, specErrorReason } from '../../lib/specErrors';
import { MaybeLink } from '../shared';

type Row = SloSpecError & { entityRef?: string };

function SpecErrorRow(props: { error: Row }) {
  const { error } = props;
  const entityLink = useEntityLink();
  return (
    <li data-testid="spec-error">
      <Typography variant="body2" component="span">
        {error.entityRef && (
          <>
            <MaybeLink to={entityLink(error.entityRef)}>
              {shortRef(error.entityRef, 'component')}
            </MaybeLink>
            {' · '}
          </>
        )}
        <code>{specErrorLocation(error)}</code>
        {error.slo && <> · SLO &quot;{error.slo}&quot;</>}
        {error.field && (
          <>
            {' · '}
            <code>{error.field}</code>
          </>
        )}
        : {specErrorReason(error)}
      </Typography>
    </li>
  );
}

/**
 * Error rows for spec files, documents or SLOs that could not be read. Only what an error is
 * in is missing: the other SLOs of the same file and entity are evaluated as usual.
 */
export function SpecErrors(props: { errors: Row[] }) {
  const { errors } = props;
  if (errors.length === 0) return null;
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={
        errors.length === 1
          ? 'An SLO spec has an error; what it affects is not evaluated'
          : `${errors.length} SLO spec errors; what they affect is not evaluated`
      }
    >
      <ul data-testid="spec-errors" style={{ margin: 0 }}>
        {errors.map(e => (
          <SpecErrorRow key={`${e.entityRef ?? ''} ${e.message}`} error={e} />
        ))}
      </ul>
    </WarningPanel>
  );
}
