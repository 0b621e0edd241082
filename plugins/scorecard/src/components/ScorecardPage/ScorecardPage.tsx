import {
  Content,
  EmptyState,
  ErrorPanel,
  Header,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import type { LevelId } from '@internal/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useSearchParams } from 'react-router-dom';
import { useScorecards } from '../../hooks';
import { scorecardsToCsv } from '../../lib/csv';
import { ScorecardMatrix } from '../ScorecardMatrix';

/** /scorecards: entities × checks; filters live in the URL so a link reproduces the view. */
export function ScorecardPage() {
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? '';
  const system = params.get('system') ?? '';
  const level = (params.get('level') ?? '') as '' | 'none' | LevelId;
  const { value, loading, error } = useScorecards({
    owner: owner || undefined,
    system: system || undefined,
    level: level || undefined,
  });
  const set = (key: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const exportCsv = () => {
    if (!value) return;
    const csv = scorecardsToCsv(
      value.items,
      value.checks.map(c => c.id),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'scorecards.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Page themeId="tool">
      <Header title="Scorecards" subtitle="Definition of Done per service" />
      <Content>
        <Box display="flex" gridGap={16} mb={2} alignItems="center">
          <TextField
            id="scorecard-owner"
            label="Owner"
            value={owner}
            onChange={e => set('owner', e.target.value)}
            placeholder="group:default/payments"
          />
          <TextField
            id="scorecard-system"
            label="System"
            value={system}
            onChange={e => set('system', e.target.value)}
            placeholder="system:default/e-commerce"
          />
          <TextField
            id="scorecard-level"
            select
            label="Level"
            value={level}
            onChange={e => set('level', e.target.value)}
            style={{ minWidth: 120 }}
          >
            <MenuItem value="">Any</MenuItem>
            <MenuItem value="none">No level</MenuItem>
            <MenuItem value="bronze">Bronze</MenuItem>
            <MenuItem value="silver">Silver</MenuItem>
            <MenuItem value="gold">Gold</MenuItem>
          </TextField>
          <Button variant="outlined" onClick={exportCsv} disabled={!value}>
            Export CSV
          </Button>
          <Link to="/scorecard-campaigns">Campaigns</Link>
        </Box>
        {loading && <Progress />}
        {error && (
          <ErrorPanel title="Scorecards could not be loaded" error={error} />
        )}
        {value && value.items.length === 0 && (
          <EmptyState
            missing="data"
            title="No scorecards"
            description="No evaluated entity matches these filters."
          />
        )}
        {value && value.items.length > 0 && (
          <ScorecardMatrix checks={value.checks} items={value.items} />
        )}
      </Content>
    </Page>
  );
}
