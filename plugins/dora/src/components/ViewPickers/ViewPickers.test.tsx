import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ViewPickers } from './ViewPickers';

const NOW = new Date('2026-12-06T09:00:00Z');

describe('ViewPickers', () => {
  it('offers the four windows and the last twelve months, and reports a change with the environment kept', async () => {
    const onChange = jest.fn();
    render(
      <ViewPickers
        window="30d"
        environment="staging"
        onChange={onChange}
        now={NOW}
      />,
    );
    const period = screen.getByLabelText('Period');
    const labels = Array.from((period as HTMLSelectElement).options).map(
      o => o.text,
    );
    expect(labels.slice(0, 7)).toEqual([
      'Last 7 days',
      'Last 30 days',
      'Last 90 days',
      'Last 180 days',
      'December 2026',
      'November 2026',
      'October 2026',
    ]);
    expect(labels).toHaveLength(16);
    expect(labels[15]).toBe('January 2026');

    await userEvent.selectOptions(period, '180d');
    expect(onChange).toHaveBeenLastCalledWith({
      window: '180d',
      month: undefined,
      environment: 'staging',
    });
    await userEvent.selectOptions(period, '2026-11');
    expect(onChange).toHaveBeenLastCalledWith({
      window: '30d',
      month: '2026-11',
      environment: 'staging',
    });
  });

  it('shows a month from a link by name, even one older than those offered', () => {
    render(
      <ViewPickers
        window="30d"
        month="2025-03"
        environment="production"
        onChange={jest.fn()}
        now={NOW}
      />,
    );
    const period = screen.getByLabelText('Period') as HTMLSelectElement;
    expect(period).toHaveValue('2025-03');
    expect(period.selectedOptions[0].text).toBe('March 2025');
  });

  it('keeps an unusual environment from a link selectable', async () => {
    const onChange = jest.fn();
    render(
      <ViewPickers window="7d" environment="eu-prod" onChange={onChange} />,
    );
    const env = screen.getByLabelText('Environment');
    expect(env).toHaveValue('eu-prod');
    await userEvent.selectOptions(env, 'production');
    expect(onChange).toHaveBeenCalledWith({
      window: '7d',
      month: undefined,
      environment: 'production',
    });
  });
});
