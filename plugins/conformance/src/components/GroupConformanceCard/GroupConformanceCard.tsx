import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { EntitySummary } from '../../api';
import { useEntitySummaries } from '../../hooks';
import { Score } from '../shared';

function failingCheckCount(summary: EntitySummary): number {
  return Object.values(summary.verdicts).filter(v => v === 'fail').length;
}

/** Group page card: the conformance of every service the group owns. */
export function GroupConformanceCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useEntitySummaries({
    owner: stringifyEntityRef(entity),
  });

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No evaluated services"
        description="None of this group's entities has Kubernetes workloads the conformance backend has evaluated."
      />
    );
  } else {
    body = (
      <Table size="small" aria-label="Conformance of owned services">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell align="right">Score</TableCell>
            <TableCell align="right">Failing checks</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(s => (
            <TableRow key={s.entityRef}>
              <TableCell>
                <Link to={`${entityLink(s.entityRef)}/conformance`}>
                  {s.title ?? parseEntityRef(s.entityRef).name}
                </Link>
              </TableCell>
              <TableCell align="right">
                <Score score={s.score} />
              </TableCell>
              <TableCell align="right">{failingCheckCount(s)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="Conformance of owned services"
      noPadding={Boolean(value?.length)}
    >
      {body}
    </InfoCard>
  );
}
