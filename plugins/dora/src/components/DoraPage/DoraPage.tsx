import {
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { shortRef, useViewState } from '@internal/portal-react';
import { useTeamMetrics } from '../../hooks';
import { DORA_KEYS } from '../../lib/keys';
import { periodPhrase, periodQuery, periodTitle } from '../../lib/period';
import { parseViewState, serializeViewState } from '../../lib/viewState';
import { MetricsRow } from '../MetricsRow';
import { MetricsTable } from '../MetricsTable';
import { ServiceDrillDown } from '../ServiceDrillDown';
import { SourceCoverage } from '../SourceCoverage';
import { TeamServices } from '../TeamServices';
import { ViewPickers } from '../ViewPickers';

/**
 * Engineering-leads page: teams × the five keys, drilling down to a team's
 * services and a service's deployments. All state is in the query string.
 */
export function DoraPage() {
  const [view, setView] = useViewState(parseViewState, serializeViewState);
  const scope = { ...periodQuery(view), environment: view.environment };
  // Every team's row in one request; the organisation's row loads on its own, at once.
  const teams = useTeamMetrics(scope);
  const teamList = teams.value?.teams;
  const href = (patch: { team?: string; service?: string }) => {
    const qs = serializeViewState({ ...view, ...patch }).toString();
    return `?${qs}`;
  };
  const teamTitle = view.team
    ? teamList?.find(t => t.ref === view.team)?.title ??
      shortRef(view.team, 'group')
    : undefined;

  let teamRows;
  if (teams.loading) {
    teamRows = (
      <TableRow>
        <TableCell colSpan={DORA_KEYS.length + 1}>
          <Progress />
        </TableCell>
      </TableRow>
    );
  } else if (teams.error) {
    teamRows = (
      <TableRow>
        <TableCell colSpan={DORA_KEYS.length + 1}>
          <ResponseErrorPanel error={teams.error} />
        </TableCell>
      </TableRow>
    );
  } else {
    teamRows = (teamList ?? []).map(team => (
      <MetricsRow
        key={team.ref}
        testId="team-row"
        selected={view.team === team.ref}
        figures={team}
        label={
          <Link
            to={href({ team: team.ref, service: undefined })}
            title="Show its services"
          >
            {team.title}
          </Link>
        }
      />
    ));
  }
  const teamTable = (
    <MetricsTable label="DORA keys by team" scopeHeader="Team">
      <MetricsRow
        testId="org-row"
        label={<strong>Whole organisation</strong>}
        query={scope}
      />
      {teamRows}
    </MetricsTable>
  );

  return (
    <Content>
      <ContentHeader title={`DORA metrics · ${periodTitle(view)}`} />
      <Typography variant="body1" paragraph>
        The five DORA keys of each team's services over {periodPhrase(view)}{' '}
        {view.month ? '(UTC calendar month) ' : ''}in {view.environment}: how
        often they deploy, how long a commit takes to reach {view.environment},
        how many deployments fail, how fast a failed one is recovered, and how
        many deployments were unplanned rework. Tiers follow the DORA 2023
        benchmarks (rework rate has none); arrows compare with as many days just
        before, green when the move is an improvement. Pick a team to see its
        services, and a service to see its deployments.
      </Typography>
      <ViewPickers
        window={view.window}
        month={view.month}
        environment={view.environment}
        onChange={next => setView({ ...view, ...next })}
      />
      <InfoCard title="Teams" noPadding={teamList?.length !== 0}>
        {teamList && teamList.length === 0 ? (
          <EmptyState
            missing="data"
            title="No teams in the catalog"
            description="Teams are catalog groups with spec.type team."
          />
        ) : (
          teamTable
        )}
      </InfoCard>
      {view.team && (
        <Box mt={3}>
          <Box mb={1}>
            <Link to={href({ team: undefined, service: undefined })}>
              ← All teams
            </Link>
          </Box>
          <TeamServices
            view={{ ...view, team: view.team }}
            teamTitle={teamTitle ?? view.team}
          />
        </Box>
      )}
      {view.team && view.service && (
        <Box mt={3}>
          <ServiceDrillDown
            entityRef={view.service}
            period={view}
            environment={view.environment}
          />
        </Box>
      )}
      <Box mt={3}>
        <SourceCoverage />
      </Box>
    </Content>
  );
}
