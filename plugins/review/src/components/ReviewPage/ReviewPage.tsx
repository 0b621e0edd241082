import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import PrintIcon from '@material-ui/icons/Print';
import { SelectFilter } from '@internal/portal-react';
import { reviewToCsv } from '@internal/plugin-review-common';
import { reviewApiRef } from '../../api/types';
import { downloadTextFile } from '../../lib/download';
import {
  ReviewViewState,
  parseViewState,
  serializeViewState,
} from '../../lib/viewState';
import { Bottlenecks } from '../Bottlenecks';
import { ReviewItems } from '../ReviewItems';
import { ReviewTable } from '../ReviewTable';

const useStyles = makeStyles({
  // The print view: only the review itself, on white, without the app's chrome.
  '@global': {
    '@media print': {
      'nav, header, [data-review-controls], [data-review-print-bar]': {
        display: 'none !important',
      },
      body: { background: 'white' },
    },
  },
  print: {
    '& [data-review-controls]': { display: 'none' },
  },
});

function useScopeOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [{ kind: 'group', 'spec.type': 'team' }, { kind: 'system' }],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(e => ({
        value: stringifyEntityRef(e),
        label: `${e.kind === 'System' ? 'System' : 'Team'}: ${
          e.metadata.title ?? e.metadata.name
        }`,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);
}

/** `/review`: a month's delivery, reliability and readiness per team or service. */
export function ReviewPage() {
  const classes = useStyles();
  const api = useApi(reviewApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseViewState(searchParams), [searchParams]);
  const setView = useCallback(
    (next: ReviewViewState) =>
      setSearchParams(serializeViewState(next), { replace: true }),
    [setSearchParams],
  );
  const review = useAsyncRetry(
    () => api.getReview({ month: view.month, scope: view.scope }),
    [api, view.month, view.scope],
  );
  const scopes = useScopeOptions();

  let body;
  if (review.loading && !review.value) {
    body = <Progress />;
  } else if (review.error) {
    body = <ResponseErrorPanel error={review.error} />;
  } else if (review.value) {
    const r = review.value;
    body = (
      <>
        <Typography variant="body2" paragraph data-testid="review-source">
          {r.source === 'snapshot'
            ? `Snapshot of ${r.snapshotAt?.slice(0, 10)}${
                r.lateEvents
                  ? `; ${r.lateEvents} events arrived after it and are not counted`
                  : '; no events arrived after it'
              }.`
            : 'Computed now from the live figures (no snapshot of this month).'}
        </Typography>
        {r.warnings.map(w => (
          <Typography
            key={w}
            variant="caption"
            display="block"
            color="textSecondary"
          >
            {w}
          </Typography>
        ))}
        <ReviewTable review={r} />
        <Box mt={3}>
          <Typography variant="h5">Bottlenecks</Typography>
          <Bottlenecks review={r} />
        </Box>
        <Box mt={3}>
          <Typography variant="h5">Notes and actions</Typography>
          <ReviewItems
            month={r.month}
            rows={r.rows}
            items={r.items}
            previousActions={r.previousActions}
            editable={!view.print}
            onAdd={async item => {
              await api.addItem(item);
              review.retry();
            }}
            onUpdate={async (id, patch) => {
              await api.updateItem(id, patch);
              review.retry();
            }}
          />
        </Box>
      </>
    );
  }

  const month = review.value?.month ?? view.month;
  return (
    <Content className={view.print ? classes.print : undefined}>
      <ContentHeader title={`Engineering review${month ? ` · ${month}` : ''}`}>
        <Box data-review-controls display="flex" style={{ gap: 8 }}>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={!review.value}
            onClick={() =>
              review.value &&
              downloadTextFile(
                `review-${review.value.month}.csv`,
                reviewToCsv(review.value),
              )
            }
          >
            Download CSV
          </Button>
          <Button
            variant="outlined"
            startIcon={<PrintIcon />}
            onClick={() => setView({ ...view, print: true })}
          >
            Print view
          </Button>
        </Box>
      </ContentHeader>
      {view.print ? (
        <Box data-review-print-bar mb={2}>
          <Button onClick={() => window.print()}>Print</Button>
          <Button onClick={() => setView({ ...view, print: false })}>
            Back to the review
          </Button>
        </Box>
      ) : (
        <Box data-review-controls display="flex" mb={2} style={{ gap: 16 }}>
          <TextField
            id="review-month"
            label="Month"
            type="month"
            value={month ?? ''}
            onChange={e =>
              setView({ ...view, month: e.target.value || undefined })
            }
            variant="outlined"
            size="small"
            InputLabelProps={{ shrink: true }}
          />
          <SelectFilter
            label="Scope"
            idPrefix="review"
            value={view.scope === 'organization' ? undefined : view.scope}
            options={scopes.value ?? []}
            onChange={scope =>
              setView({ ...view, scope: scope ?? 'organization' })
            }
          />
        </Box>
      )}
      {body}
    </Content>
  );
}
