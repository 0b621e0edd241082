import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ViewPickers } from './ViewPickers';

describe('ViewPickers', () => {
  it('offers the four windows and reports a change with the environment kept', async () => {
    const onChange = jest.fn();
    render(
      <ViewPickers window="30d" environment="staging" onChange={onChange} />,
    );
    const windowSelect = screen.getByLabelText('Window');
    expect(
      Array.from((windowSelect as HTMLSelectElement).options).map(o => o.text),
    ).toEqual(['Last 7 days', 'Last 30 days', 'Last 90 days', 'Last 180 days']);

    await userEvent.selectOptions(windowSelect, '180d');
    expect(onChange).toHaveBeenCalledWith({
      window: '180d',
      environment: 'staging',
    });
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
      environment: 'production',
    });
  });
});
