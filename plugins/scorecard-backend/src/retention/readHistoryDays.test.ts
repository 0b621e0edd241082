import { ConfigReader } from '@backstage/config';
import { readHistoryDays } from './readHistoryDays';

const withDays = (historyDays: number | string) =>
  new ConfigReader({ scorecard: { retention: { historyDays } } });

describe('readHistoryDays', () => {
  it('defaults to 400 and takes any whole number from 366 on', () => {
    expect(readHistoryDays(new ConfigReader({}))).toBe(400);
    expect(readHistoryDays(withDays(366))).toBe(366);
    expect(readHistoryDays(withDays(1000))).toBe(1000);
  });

  it.each([365, 400.5, 0, -1])('refuses %p, naming the key', days => {
    expect(() => readHistoryDays(withDays(days))).toThrow(
      'scorecard.retention.historyDays: must be a whole number of days, at least 366',
    );
  });

  it('refuses a value that is not a number, naming the key', () => {
    expect(() => readHistoryDays(withDays('a year'))).toThrow(
      /scorecard\.retention\.historyDays/,
    );
  });
});
