import { Theme } from '@material-ui/core/styles';
import type { AlertSeverity } from '../../api/types';

/** Chart colours from the app theme, so charts follow light and dark mode. */
export function chartColors(theme: Theme) {
  return {
    line: theme.palette.primary.main,
    grid: theme.palette.divider,
    text: theme.palette.text.secondary,
    objective: theme.palette.success.main,
    exhausted: theme.palette.error.main,
    step: theme.palette.warning.main,
    severity: {
      page: theme.palette.error.main,
      ticket: theme.palette.warning.main,
    } as Record<AlertSeverity, string>,
  };
}
