import type { DoraKey, DoraMetrics } from '@internal/plugin-dora-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDuration, formatKeyValue } from '../../lib/format';
import { DORA_KEYS, KEY_LABELS } from '../../lib/keys';
import { TierBadge } from '../TierBadge';
import { TrendArrow } from '../TrendArrow';

const useStyles = makeStyles(theme => ({
  tile: { padding: theme.spacing(2), height: '100%' },
  value: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
}));

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** The sample behind each figure, so a lead can tell 1 of 2 from 50 of 100. */
function detail(key: DoraKey, metrics: DoraMetrics): string {
  switch (key) {
    case 'deploymentFrequency':
      return plural(metrics.deploymentFrequency.count, 'successful deployment');
    case 'changeLeadTime': {
      const r = metrics.changeLeadTime;
      const sample =
        r.count === 0
          ? 'No deployed changes'
          : `p90 ${formatDuration(r.p90)} · ${plural(r.count, 'commit')}`;
      // Deployments of commits no source reported deliver nothing countable: say so.
      const c = r.coverage;
      return c && c.ancestryKnown < c.deployments
        ? `${sample} · commits known for ${c.ancestryKnown} of ${plural(
            c.deployments,
            'deployment',
          )}`
        : sample;
    }
    case 'changeFailureRate': {
      const r = metrics.changeFailureRate;
      return `${r.count} of ${plural(r.denominator ?? 0, 'deployment')} failed`;
    }
    case 'failedDeploymentRecoveryTime': {
      const r = metrics.failedDeploymentRecoveryTime;
      return r.unrecovered > 0
        ? `${r.count} recovered · ${r.unrecovered} not yet`
        : plural(r.count, 'recovery', 'recoveries');
    }
    case 'deploymentReworkRate': {
      const r = metrics.deploymentReworkRate;
      return `${r.count} of ${plural(
        r.denominator ?? 0,
        'deployment',
      )} were rework`;
    }
    default:
      return '';
  }
}

/** The five keys of one scope as tiles: value, tier, trend and sample size. */
export function KeyTiles(props: { metrics: DoraMetrics }) {
  const classes = useStyles();
  const { metrics } = props;
  return (
    <Grid container spacing={2}>
      {DORA_KEYS.map(key => {
        const result = metrics[key];
        return (
          <Grid item xs={12} sm={6} md key={key}>
            <Paper
              variant="outlined"
              className={classes.tile}
              data-testid={`tile-${key}`}
              role="group"
              aria-label={KEY_LABELS[key]}
            >
              <Typography variant="subtitle2" color="textSecondary">
                {KEY_LABELS[key]}
              </Typography>
              <div className={classes.value}>
                <Typography variant="h5" component="span">
                  {formatKeyValue(key, result.value)}
                </Typography>
                <TrendArrow doraKey={key} trend={result.trend} />
              </div>
              <TierBadge tier={result.tier} />
              <Typography variant="caption" display="block">
                {detail(key, metrics)}
              </Typography>
            </Paper>
          </Grid>
        );
      })}
    </Grid>
  );
}
