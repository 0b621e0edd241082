import { makeStyles, Theme } from '@material-ui/core/styles';

/** Palette keys rather than hex values, so colours follow the app theme. */
export type PaletteTone = 'error' | 'warning' | 'success' | 'info' | 'default';

/** The theme colour for a tone; `default` is the secondary text colour. */
export function toneColor(theme: Theme, tone: PaletteTone): string {
  return tone === 'default'
    ? theme.palette.text.secondary
    : theme.palette[tone].main;
}

/** One class per tone, for text and icons. */
export const useToneTextStyles = makeStyles(theme => ({
  error: { color: toneColor(theme, 'error') },
  warning: { color: toneColor(theme, 'warning') },
  success: { color: toneColor(theme, 'success') },
  info: { color: toneColor(theme, 'info') },
  default: { color: toneColor(theme, 'default') },
}));

/** One class per tone, for outlined chips. */
export const useToneChipStyles = makeStyles(theme => {
  const chip = (tone: PaletteTone) => ({
    color: toneColor(theme, tone),
    borderColor: toneColor(theme, tone),
    fontWeight: theme.typography.fontWeightBold as number,
  });
  return {
    error: chip('error'),
    warning: chip('warning'),
    success: chip('success'),
    info: chip('info'),
    default: chip('default'),
  };
});

/** One class per tone, for filled bars. */
export const useToneFillStyles = makeStyles(theme => ({
  error: { backgroundColor: toneColor(theme, 'error') },
  warning: { backgroundColor: toneColor(theme, 'warning') },
  success: { backgroundColor: toneColor(theme, 'success') },
  info: { backgroundColor: toneColor(theme, 'info') },
  default: { backgroundColor: toneColor(theme, 'default') },
}));
