import type { KeyResult } from '@internal/plugin-dora-common';
import TableCell from '@material-ui/core/TableCell';
import { makeStyles } from '@material-ui/core/styles';
import { formatKeyValue } from '../../lib/format';
import { KEY_LABELS } from '../../lib/keys';
import { Sparkline } from '../Sparkline';
import { TierBadge } from '../TierBadge';
import { TrendArrow } from '../TrendArrow';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  value: { fontWeight: 600 },
}));

/** One key of one scope in the leads table: value, tier, trend and sparkline. */
export function KeyCell(props: { result: KeyResult }) {
  const classes = useStyles();
  const { result } = props;
  return (
    // The unrounded value, so a check can compare it with the review's figure exactly.
    <TableCell
      data-testid={`cell-${result.key}`}
      data-value={result.value ?? ''}
    >
      <div className={classes.line}>
        <span className={classes.value}>
          {formatKeyValue(result.key, result.value)}
        </span>
        <TrendArrow doraKey={result.key} trend={result.trend} />
      </div>
      <div className={classes.line}>
        <TierBadge tier={result.tier} />
        <Sparkline
          series={result.series}
          label={`${KEY_LABELS[result.key]} per bucket`}
        />
      </div>
    </TableCell>
  );
}
