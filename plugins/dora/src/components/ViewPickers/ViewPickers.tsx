import { FilterBar } from '@internal/portal-react';
import type { DoraWindow } from '../../api';
import {
  ENVIRONMENTS,
  WINDOWS,
  isDoraWindow,
  windowDays,
} from '../../lib/viewState';

/** Window and environment, the two inputs every DORA figure depends on. */
export function ViewPickers(props: {
  window: DoraWindow;
  environment: string;
  onChange: (next: { window: DoraWindow; environment: string }) => void;
}) {
  const { window, environment, onChange } = props;
  // Keep an environment that came from a link selectable even if it is not a usual one.
  const environments = ENVIRONMENTS.includes(environment)
    ? ENVIRONMENTS
    : [...ENVIRONMENTS, environment];
  return (
    <FilterBar
      idPrefix="dora"
      filters={[
        {
          label: 'Window',
          includeAll: false,
          value: window,
          options: WINDOWS.map(w => ({
            value: w,
            label: `Last ${windowDays(w)} days`,
          })),
          onChange: w =>
            isDoraWindow(w) && onChange({ window: w, environment }),
        },
        {
          label: 'Environment',
          includeAll: false,
          value: environment,
          options: environments.map(e => ({ value: e, label: e })),
          onChange: e => e && onChange({ window, environment: e }),
        },
      ]}
    />
  );
}
