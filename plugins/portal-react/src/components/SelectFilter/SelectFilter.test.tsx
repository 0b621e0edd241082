import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SelectFilter } from './SelectFilter';

const options = [
  { value: 'group:default/payments', label: 'payments' },
  { value: 'group:default/search', label: 'search' },
];

function renderFilter(value: string | undefined = undefined) {
  const onChange = jest.fn();
  render(
    <SelectFilter
      idPrefix="test-filter"
      label="Owner"
      value={value}
      options={options}
      onChange={onChange}
    />,
  );
  return { onChange, select: screen.getByLabelText('Owner') };
}

describe('SelectFilter', () => {
  it('lists "All" first, then the options by label', () => {
    const { select } = renderFilter();
    expect(
      Array.from(select.querySelectorAll('option')).map(o => o.textContent),
    ).toEqual(['All', 'payments', 'search']);
    expect(select).toHaveValue('');
  });

  it('builds its id from the prefix and the lower-cased label', () => {
    const { select } = renderFilter();
    expect(select).toHaveAttribute('id', 'test-filter-owner');
  });

  it('shows the current value', () => {
    const { select } = renderFilter('group:default/search');
    expect(select).toHaveValue('group:default/search');
  });

  it('reports the chosen value, and undefined for "All"', async () => {
    const { onChange, select } = renderFilter('group:default/search');
    await userEvent.selectOptions(select, 'payments');
    expect(onChange).toHaveBeenLastCalledWith('group:default/payments');
    await userEvent.selectOptions(select, 'All');
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});
