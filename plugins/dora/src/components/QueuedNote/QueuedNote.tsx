import Typography from '@material-ui/core/Typography';

/**
 * Says how many services of a scope have events the figures do not count yet: the backend
 * answers from what it has derived and re-derives freshly ingested services in the background.
 */
export function QueuedNote(props: { queued: number }) {
  if (!(props.queued > 0)) return null;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="div"
      data-testid="queued-note"
    >
      {props.queued === 1
        ? '1 service still being updated'
        : `${props.queued} services still being updated`}
    </Typography>
  );
}
