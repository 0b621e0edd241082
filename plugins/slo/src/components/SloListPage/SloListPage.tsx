import { useMemo } from 'react';
import { monthLabel } from '@internal/portal-common';
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
import RefreshIcon from '@material-ui/icons/Refresh';
import type { SloMonthItem } from '../../api/types';
import { useSloMonth, useSlos } from '../../hooks';
import { normalizeRef } from '../../lib/refs';
import { STATUS_LABELS, STATUS_ORDER } from '../../lib/status';
import {
  applyErrorView,
  applyListView,
  applyMonthView,
  countByStatus,
  distinctValues,
  parseListView,
  scopeFilter,
  serializeListView,
  toggleSort,
} from '../../lib/viewState';
import { SloMonthTable } from '../SloMonthTable';
import { SloTable } from '../SloTable';
import { SpecErrors } from '../SpecErrors';
import { FilterBar } from './FilterBar';

/**
 * Keeps a value that came from the URL selectable even if no SLO carries it
 * any more, matching the option a hand-typed short ref stands for.
 */
function withSelected(
  options: string[],
  selected: string | undefined,
  defaultKind: string,
): { options: string[]; selected: string | undefined } {
  if (!selected) return { options, selected };
  const match = options.find(
    o => normalizeRef(o, defaultKind) === normalizeRef(selected, defaultKind),
  );
  return match
    ? { options, selected: match }
    : { options: [...options, selected], selected };
}

/** Org-wide view: every SLO with its budget, filtered and sorted from the URL. */
export function SloListPage() {
  const [view, setView] = useViewState(parseListView, serializeListView, {
    replace: true,
  });

  // The full list gives the filter options (every owner, system and entity) and the rows
  // when the view has no owner or entity. An owner's SLOs include its sub-teams', which only
  // the catalog knows, so the owner and entity are the backend's to filter; system and status
  // are filtered here without a round trip, with the backend's semantics (applyListView).
  const list = useSlos();
  const scope = scopeFilter(view);
  const scoped = useSlos(scope, { skip: !scope });
  const shown = scope ? scoped : list;
  const slos = { ...list, value: list.value?.items };
  const specErrors = useMemo(
    () => applyErrorView(shown.value?.errors ?? [], view),
    [shown.value, view],
  );
  const rows = useMemo(
    () => applyListView(shown.value?.items ?? [], view),
    [shown.value, view],
  );
  const month = useSloMonth(view.month, scope);
  const monthRows = useMemo(
    () => applyMonthView(month.value?.items ?? [], view),
    [month.value, view],
  );

  let body;
  if ((slos.loading && !slos.value) || (shown.loading && !shown.value)) {
    body = <Progress />;
  } else if (slos.error || shown.error) {
    body = <ResponseErrorPanel error={(slos.error ?? shown.error)!} />;
  } else if (!slos.value || slos.value.length === 0) {
    body = specErrors.length ? (
      <SpecErrors errors={specErrors} />
    ) : (
      <EmptyState
        missing="data"
        title="No SLOs yet"
        description="SLOs appear here once a catalog entity carries the portal.io/slo-spec annotation pointing at a Sloth, OpenSLO or plain SLO spec."
      />
    );
  } else {
    const owners = withSelected(
      distinctValues(slos.value, 'owner'),
      view.owner,
      'group',
    );
    const systems = withSelected(
      distinctValues(slos.value, 'system'),
      view.system,
      'system',
    );
    const entities = withSelected(
      distinctValues(slos.value, 'entityRef'),
      view.entity,
      'component',
    );
    const counts = countByStatus(rows);
    const filterBar = (
      <FilterBar
        state={{
          ...view,
          owner: owners.selected,
          system: systems.selected,
          entity: entities.selected,
        }}
        owners={owners.options}
        systems={systems.options}
        entities={entities.options}
        onChange={setView}
      />
    );
    body = view.month ? (
      <>
        <SpecErrors errors={specErrors} />
        {filterBar}
        <MonthBody month={view.month} answer={month} rows={monthRows} />
      </>
    ) : (
      <>
        <SpecErrors errors={specErrors} />
        {filterBar}
        <Typography
          variant="body2"
          color="textSecondary"
          paragraph
          data-testid="status-counts"
        >
          {rows.length} SLO{rows.length === 1 ? '' : 's'}:{' '}
          {STATUS_ORDER.map(
            s => `${counts[s]} ${STATUS_LABELS[s].toLocaleLowerCase('en-US')}`,
          ).join(' · ')}
        </Typography>
        <SloTable
          rows={rows}
          label="SLOs"
          sort={{
            key: view.sort,
            direction: view.direction,
            onSort: key => setView(toggleSort(view, key)),
          }}
        />
      </>
    );
  }

  return (
    <Content>
      <ContentHeader title="Service level objectives">
        <Button
          variant="outlined"
          color="primary"
          startIcon={<RefreshIcon />}
          disabled={slos.loading}
          onClick={() => {
            list.retry();
            if (scope) scoped.retry();
          }}
        >
          Refresh
        </Button>
      </ContentHeader>
      <Typography variant="body1" paragraph>
        Every SLO in the catalog with its error budget over its window. The
        budget is 1 − objective; the burn rate says how fast it is being spent
        (1× spends exactly the whole budget over the window). Alerts follow the
        multi-window, multi-burn-rate rules of the Google SRE Workbook, and the
        policy step is what the owning team's error budget policy asks for at
        the budget consumed so far. Open an SLO for its history, alert rules and
        deploy gate.
      </Typography>
      {body}
    </Content>
  );
}

/** The month view under the filters: what the figures mean, the verdict counts and the table. */
function MonthBody(props: {
  month: string;
  answer: ReturnType<typeof useSloMonth>;
  rows: SloMonthItem[];
}) {
  const { month, answer, rows } = props;
  if (answer.loading && !answer.value) return <Progress />;
  if (answer.error) return <ResponseErrorPanel error={answer.error} />;
  const label = monthLabel(month);
  const met = rows.filter(r => r.met === true).length;
  const missed = rows.filter(r => r.met === false).length;
  return (
    <>
      <Typography variant="h6" component="h2" data-testid="month-heading">
        {label}
        {answer.value && !answer.value.complete ? ' (so far)' : ''}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Each SLO over the UTC calendar month ({month}-01 00:00 to the next
        month's first day 00:00, end excluded), from the events collected in it:
        the month's SLI, whether it met the objective, and the budget left at
        month end with the month as the budget period (1 − the month's bad share
        ÷ the allowed share). The monthly review shows these figures.
      </Typography>
      <Typography
        variant="body2"
        color="textSecondary"
        paragraph
        data-testid="month-counts"
      >
        {rows.length} SLO{rows.length === 1 ? '' : 's'}: {met} met · {missed}{' '}
        missed · {rows.length - met - missed} without events
      </Typography>
      <SloMonthTable rows={rows} label={`SLOs in ${label}`} />
    </>
  );
}
