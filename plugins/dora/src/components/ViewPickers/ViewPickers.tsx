import { isMonth, monthLabel, recentMonths } from '@internal/portal-common';
import { FilterBar } from '@internal/portal-react';
import type { DoraWindow } from '../../api';
import {
  ENVIRONMENTS,
  WINDOWS,
  isDoraWindow,
  windowDays,
} from '../../lib/viewState';

/** Calendar months offered besides the rolling windows: a year, as far as a review looks back. */
const MONTHS_OFFERED = 12;

export interface ViewPickersValue {
  window: DoraWindow;
  /** A calendar month (UTC) replacing the window. */
  month?: string;
  environment: string;
}

/** Period and environment, the two inputs every DORA figure depends on. */
export function ViewPickers(
  props: ViewPickersValue & {
    onChange: (next: ViewPickersValue) => void;
    /** For tests; the months offered end with the one this falls in. */
    now?: Date;
  },
) {
  const { window, month, environment, onChange } = props;
  // Keep an environment or month that came from a link selectable even if it is not offered.
  const environments = ENVIRONMENTS.includes(environment)
    ? ENVIRONMENTS
    : [...ENVIRONMENTS, environment];
  const months = recentMonths(props.now ?? new Date(), MONTHS_OFFERED);
  if (month && !months.includes(month)) months.push(month);
  return (
    <FilterBar
      idPrefix="dora"
      filters={[
        {
          label: 'Period',
          includeAll: false,
          value: month ?? window,
          options: [
            ...WINDOWS.map(w => ({
              value: w,
              label: `Last ${windowDays(w)} days`,
            })),
            ...months.map(m => ({ value: m, label: monthLabel(m) })),
          ],
          onChange: p => {
            if (isDoraWindow(p)) {
              onChange({ window: p, month: undefined, environment });
            } else if (isMonth(p)) {
              onChange({ window, month: p, environment });
            }
          },
        },
        {
          label: 'Environment',
          includeAll: false,
          value: environment,
          options: environments.map(e => ({ value: e, label: e })),
          onChange: e => e && onChange({ window, month, environment: e }),
        },
      ]}
    />
  );
}
