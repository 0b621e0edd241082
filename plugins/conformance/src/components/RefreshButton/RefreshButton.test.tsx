import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderWithApi } from '../../__testUtils__/render';
import { REFRESH_DENIED, RefreshButton } from './RefreshButton';

const ENTITY = 'component:default/payment-service';

describe('RefreshButton', () => {
  it('asks the policy about conformance.refresh on the entity, and refreshes when allowed', async () => {
    const asked: unknown[] = [];
    const onRefresh = jest.fn();
    renderWithApi(
      <RefreshButton
        entityRef={ENTITY}
        refreshing={false}
        onRefresh={onRefresh}
      >
        Refresh
      </RefreshButton>,
      {
        authorize: request => {
          asked.push(request);
          return AuthorizeResult.ALLOW;
        },
      },
    );
    const button = await screen.findByRole('button', { name: 'Refresh' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(asked).toEqual([
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'conformance.refresh' }),
        resourceRef: ENTITY,
      }),
    ]);
    expect(screen.queryByTestId('refresh-denied')).not.toBeInTheDocument();
  });

  it('is disabled with the reason for a user the policy denies', async () => {
    const onRefresh = jest.fn();
    renderWithApi(
      <RefreshButton
        entityRef={ENTITY}
        refreshing={false}
        onRefresh={onRefresh}
      >
        Refresh
      </RefreshButton>,
      { authorize: AuthorizeResult.DENY },
    );
    const wrapper = await screen.findByTestId('refresh-denied');
    const button = screen.getByRole('button', { name: 'Refresh' });
    expect(button).toBeDisabled();
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      REFRESH_DENIED,
    );
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('is disabled while a refresh runs', async () => {
    renderWithApi(
      <RefreshButton entityRef={ENTITY} refreshing onRefresh={jest.fn()}>
        Refreshing…
      </RefreshButton>,
    );
    // Still disabled once the policy has allowed it.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Refreshing…' }),
      ).toBeDisabled(),
    );
    expect(screen.queryByTestId('refresh-denied')).not.toBeInTheDocument();
  });
});
