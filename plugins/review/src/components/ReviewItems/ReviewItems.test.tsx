import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReviewItem } from '@internal/plugin-review-common';
import { row } from '../../__testUtils__/fixtures';
import { ReviewItems } from './ReviewItems';

const lastMonthAction: ReviewItem = {
  id: 'a1',
  month: '2026-09',
  rowRef: 'group:default/payments',
  team: 'group:default/payments',
  kind: 'action',
  text: 'Add a second reviewer rota',
  owner: 'user:default/ana',
  dueDate: '2026-10-15',
  state: 'open',
  createdBy: 'user:default/ana',
  createdAt: '2026-10-02T10:00:00Z',
  updatedAt: '2026-10-02T10:00:00Z',
};

function setup(editable = true) {
  const onAdd = jest.fn(async () => {});
  const onUpdate = jest.fn(async () => {});
  return {
    onAdd,
    onUpdate,
    element: (
      <ReviewItems
        month="2026-10"
        rows={[row()]}
        items={[]}
        previousActions={[lastMonthAction]}
        editable={editable}
        onAdd={onAdd}
        onUpdate={onUpdate}
      />
    ),
  };
}

describe('ReviewItems', () => {
  it("lists last month's actions with their state and closes one", async () => {
    const { element, onUpdate } = setup();
    await renderInTestApp(element);
    const list = screen.getByRole('list', { name: "Last month's actions" });
    expect(list).toHaveTextContent(
      'Payments · Action: Add a second reviewer rota · owner user:default/ana · due 2026-10-15 · open',
    );
    await userEvent.click(
      within(list).getByRole('button', { name: 'Mark done' }),
    );
    expect(onUpdate).toHaveBeenCalledWith('a1', { state: 'done' });
  });

  it('adds an action with owner and due date, and needs an owner for it', async () => {
    const { element, onAdd } = setup();
    await renderInTestApp(element);
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'action');
    await userEvent.type(screen.getByLabelText('Text'), 'Shorten pickup');
    const add = screen.getByRole('button', { name: 'Add' });
    expect(add).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Owner'), 'user:default/ana');
    await userEvent.type(screen.getByLabelText('Due date'), '2026-11-20');
    await userEvent.click(add);
    expect(onAdd).toHaveBeenCalledWith({
      month: '2026-10',
      rowRef: 'group:default/payments',
      kind: 'action',
      text: 'Shorten pickup',
      owner: 'user:default/ana',
      dueDate: '2026-11-20',
    });
  });

  it('shows the backend refusal, and no form or buttons in the print view', async () => {
    const { element, onAdd } = setup();
    onAdd.mockRejectedValueOnce(
      new Error('review.item.write on group:default/payments is not allowed'),
    );
    const { unmount } = await renderInTestApp(element);
    await userEvent.type(screen.getByLabelText('Text'), 'A note');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not allowed/);
    unmount();
    await renderInTestApp(setup(false).element);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
