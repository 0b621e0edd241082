import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  entityContentMount,
  entityFilterOf,
  pageMount,
} from '@internal/portal-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { doraApiRef } from './api';
import plugin from './index';
import { doraEntityContent, doraPage, groupDoraCard } from './plugin';
import { FakeDoraApi } from './__testUtils__/fakeApi';
import {
  groups,
  paymentService,
  paymentsGroup,
} from './__testUtils__/fixtures';

describe('dora plugin', () => {
  it('is the default export, with the documented extension ids', () => {
    expect(plugin.id).toBe('dora');
    for (const id of [
      'api:dora',
      'page:dora',
      'entity-content:dora/metrics',
      'entity-card:dora/group',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the tab on components and the card on groups only', () => {
    const tab = entityFilterOf(doraEntityContent);
    expect(tab(paymentService)).toBe(true);
    expect(tab(paymentsGroup)).toBe(false);

    const card = entityFilterOf(groupDoraCard);
    expect(card(paymentsGroup)).toBe(true);
    expect(card(paymentService)).toBe(false);
  });

  it('mounts the tab at dora with the title DORA', () => {
    expect(entityContentMount(doraEntityContent)).toEqual({
      path: '/dora',
      title: 'DORA',
    });
  });

  it('serves the leads page at /dora with a nav title and icon', async () => {
    expect(pageMount(doraPage)).toEqual({
      path: '/dora',
      title: 'DORA',
      hasIcon: true,
    });

    renderTestApp({
      extensions: [doraPage],
      apis: [
        [doraApiRef, new FakeDoraApi()],
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ],
      initialRouteEntries: ['/dora?window=90d'],
    });
    expect(
      await screen.findByText('DORA metrics · Last 90 days'),
    ).toBeInTheDocument();
    expect(await screen.findByLabelText('Period')).toHaveValue('90d');
  });
});
