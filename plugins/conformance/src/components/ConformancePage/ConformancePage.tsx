import { useMemo } from 'react';
import { useViewState } from '@internal/portal-react';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useChecks, useEntitySummaries } from '../../hooks';
import { buildConformanceCsv, downloadTextFile } from '../../lib/csv';
import {
  applyViewState,
  distinctValues,
  parseViewState,
  serializeViewState,
} from '../../lib/viewState';
import { EntityMatrix } from './EntityMatrix';
import { FilterBar } from './FilterBar';

/** Keeps a value that came from the URL selectable even if no entity carries it any more. */
function withSelected(options: string[], selected: string | undefined) {
  return selected && !options.includes(selected)
    ? [...options, selected]
    : options;
}

/** Catalog-wide view: every evaluated entity against every enabled check. */
export function ConformancePage() {
  const [view, setView] = useViewState(parseViewState, serializeViewState, {
    replace: true,
  });

  // Filtering happens here rather than via the API's query parameters so the
  // filter options always list every owner and system, and so a filter change
  // does not cost a round trip.
  const entities = useEntitySummaries();
  const checks = useChecks();

  const enabledChecks = useMemo(
    () => (checks.value ?? []).filter(c => c.enabled),
    [checks.value],
  );
  const rows = useMemo(
    () => applyViewState(entities.value ?? [], view),
    [entities.value, view],
  );

  const exportCsv = () => {
    const csv = buildConformanceCsv(
      rows,
      enabledChecks.map(c => c.id),
    );
    const date = new Date().toISOString().slice(0, 10);
    downloadTextFile(`conformance-${date}.csv`, csv);
  };

  let body;
  if (entities.loading || checks.loading) {
    body = <Progress />;
  } else if (entities.error || checks.error) {
    body = <ResponseErrorPanel error={(entities.error ?? checks.error)!} />;
  } else if (!entities.value || entities.value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No evaluated entities"
        description="Entities appear here once they carry the backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation and the conformance backend has evaluated them."
      />
    );
  } else {
    body = (
      <>
        <FilterBar
          state={view}
          owners={withSelected(
            distinctValues(entities.value, 'owner'),
            view.owner,
          )}
          systems={withSelected(
            distinctValues(entities.value, 'system'),
            view.system,
          )}
          onChange={setView}
        />
        <EntityMatrix
          rows={rows}
          checks={enabledChecks}
          sort={view.sort}
          onToggleSort={() =>
            setView({ ...view, sort: view.sort === 'asc' ? 'desc' : 'asc' })
          }
        />
      </>
    );
  }

  return (
    <Content>
      <ContentHeader title="Golden-path conformance">
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          disabled={!entities.value || entities.value.length === 0}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      </ContentHeader>
      <Typography variant="body1" paragraph>
        Each check compares the live Kubernetes workloads behind a catalog
        entity with one of the platform's golden-path standards: resource
        requests and limits, health probes, non-root containers, disruption
        budgets and the like. The score (0–100) is the share of passing checks,
        weighted by severity; exempt checks (waived by the owning team, with a
        recorded reason) and checks that do not apply are left out. Open an
        entity to see each failing workload and how to fix it.
      </Typography>
      {body}
    </Content>
  );
}
