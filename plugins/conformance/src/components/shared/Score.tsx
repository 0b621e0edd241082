import Typography from '@material-ui/core/Typography';
import { useToneTextStyles } from '@internal/portal-react';
import { formatScore, scoreTone } from '../../lib/verdicts';

export function Score(props: {
  score: number | null | undefined;
  variant?: 'h2' | 'h6' | 'body1' | 'body2';
}) {
  const classes = useToneTextStyles();
  return (
    <Typography
      component="span"
      variant={props.variant ?? 'body2'}
      className={classes[scoreTone(props.score)]}
      aria-label={
        props.score === null || props.score === undefined
          ? 'No score'
          : `Score ${props.score}`
      }
    >
      {formatScore(props.score)}
    </Typography>
  );
}
