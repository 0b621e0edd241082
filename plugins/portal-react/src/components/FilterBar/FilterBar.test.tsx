import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilterBar, refFilter } from './FilterBar';

describe('FilterBar', () => {
  it('renders one drop-down per filter under the shared id prefix', async () => {
    const onOwner = jest.fn();
    const onWindow = jest.fn();
    render(
      <FilterBar
        idPrefix="test"
        filters={[
          refFilter({
            label: 'Owner',
            defaultKind: 'group',
            refs: ['group:default/payments', 'group:billing/ledger'],
            value: undefined,
            onChange: onOwner,
          }),
          {
            label: 'Window',
            includeAll: false,
            value: '30d',
            options: [
              { value: '7d', label: 'Last 7 days' },
              { value: '30d', label: 'Last 30 days' },
            ],
            onChange: onWindow,
          },
        ]}
      />,
    );
    const owner = screen.getByLabelText('Owner');
    expect(owner).toHaveAttribute('id', 'test-owner');
    expect(
      Array.from(owner.querySelectorAll('option')).map(o => o.textContent),
    ).toEqual(['All', 'payments', 'billing/ledger']);
    const window = screen.getByLabelText('Window');
    expect(window).toHaveAttribute('id', 'test-window');
    expect(
      Array.from(window.querySelectorAll('option')).map(o => o.textContent),
    ).toEqual(['Last 7 days', 'Last 30 days']);

    await userEvent.selectOptions(owner, 'payments');
    expect(onOwner).toHaveBeenLastCalledWith('group:default/payments');
    await userEvent.selectOptions(window, 'Last 7 days');
    expect(onWindow).toHaveBeenLastCalledWith('7d');
  });
});
