import Chip from '@material-ui/core/Chip';
import type { LevelId } from '@internal/plugin-scorecard-common';

const COLOURS: Record<LevelId | 'none', string> = {
  none: '#9e9e9e',
  bronze: '#a0522d',
  silver: '#78909c',
  gold: '#c9a227',
};

/** The level as a coloured chip; "No level" below Bronze. */
export function LevelChip(props: { level: LevelId | null }) {
  const key = props.level ?? 'none';
  const label = props.level
    ? props.level[0].toLocaleUpperCase('en-US') + props.level.slice(1)
    : 'No level';
  return (
    <Chip
      size="small"
      label={label}
      style={{ backgroundColor: COLOURS[key], color: '#fff' }}
    />
  );
}
