import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { RESOLUTIONS, Resolution } from '../../lib/viewState';

/** The history step: one chart point per hour, six hours or day. */
export function ResolutionPicker(props: {
  value: Resolution;
  onChange: (value: Resolution) => void;
}) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Typography variant="body2" color="textSecondary" id="slo-resolution">
        Resolution
      </Typography>
      <ButtonGroup size="small" aria-labelledby="slo-resolution">
        {RESOLUTIONS.map(r => (
          <Button
            key={r}
            aria-pressed={props.value === r}
            variant={props.value === r ? 'contained' : 'outlined'}
            color={props.value === r ? 'primary' : 'default'}
            onClick={() => props.onChange(r)}
          >
            {r}
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
}
