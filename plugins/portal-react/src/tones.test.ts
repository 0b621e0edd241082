import { createTheme } from '@material-ui/core/styles';
import { toneColor } from './tones';

describe('toneColor', () => {
  const theme = createTheme({
    palette: {
      error: { main: '#e00000' },
      warning: { main: '#e0a000' },
      success: { main: '#00a000' },
      info: { main: '#0000e0' },
      text: { secondary: '#606060' },
    },
  });

  it.each([
    ['error', '#e00000'],
    ['warning', '#e0a000'],
    ['success', '#00a000'],
    ['info', '#0000e0'],
    // No palette entry is called "default"; muted text reads as neutral.
    ['default', '#606060'],
  ] as const)('%s follows the theme: %s', (tone, colour) => {
    expect(toneColor(theme, tone)).toBe(colour);
  });
});
