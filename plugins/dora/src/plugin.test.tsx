import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
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
    const tab = createExtensionTester(doraEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(tab(paymentService)).toBe(true);
    expect(tab(paymentsGroup)).toBe(false);

    const card = createExtensionTester(groupDoraCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(card(paymentsGroup)).toBe(true);
    expect(card(paymentService)).toBe(false);
  });

  it('mounts the tab at dora with the title DORA', () => {
    const tester = createExtensionTester(doraEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/dora');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('DORA');
  });

  it('serves the leads page at /dora with a nav title and icon', async () => {
    const tester = createExtensionTester(doraPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/dora');
    expect(tester.get(coreExtensionData.title)).toBe('DORA');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderTestApp({
      extensions: [doraPage],
      apis: [
        [doraApiRef, new FakeDoraApi()],
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ],
      initialRouteEntries: ['/dora?window=90d'],
    });
    expect(await screen.findByText('DORA metrics')).toBeInTheDocument();
    expect(await screen.findByLabelText('Window')).toHaveValue('90d');
  });
});
