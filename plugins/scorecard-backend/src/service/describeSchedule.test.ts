import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { describeSchedule } from './describeSchedule';

// Through the reader the plugin uses, so every shape app-config accepts is covered.
const fromConfig = (frequency: unknown) =>
  describeSchedule(
    readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({ frequency, timeout: { minutes: 5 } } as any),
    ).frequency,
  );

describe('describeSchedule', () => {
  it.each([
    [{ minutes: 2 }, 'every 2 minutes'],
    [{ minutes: 15 }, 'every 15 minutes'],
    [{ minutes: 1 }, 'every minute'],
    [{ hours: 1, minutes: 30 }, 'every 1 hour 30 minutes'],
    [{ days: 1 }, 'every day'],
    [{ seconds: 45 }, 'every 45 seconds'],
    ['PT10M', 'every 10 minutes'],
    [{ cron: '*/5 * * * *' }, 'on the schedule "*/5 * * * *" (cron)'],
    [{ trigger: 'manual' }, 'only when triggered'],
  ])('%j → %s', (frequency, expected) => {
    expect(fromConfig(frequency)).toBe(expected);
  });
});
