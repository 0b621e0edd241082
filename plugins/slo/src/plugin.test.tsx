import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  entityContentMount,
  entityFilterOf,
  pageMount,
} from '@internal/portal-react/testUtils';
import { sloApiRef } from './api';
import plugin from './index';
import { sloEntityCard, sloEntityContent, sloPage } from './plugin';
import { FakeSloApi } from './__testUtils__/fakeApi';
import { apiGatewayEntity, userServiceEntity } from './__testUtils__/fixtures';

describe('slo plugin', () => {
  it('is the default export, with the documented extension ids', () => {
    expect(plugin.id).toBe('slo');
    for (const id of [
      'api:slo',
      'page:slo',
      'entity-card:slo/summary',
      'entity-content:slo/slos',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the entity card and tab only for entities with an SLO spec', () => {
    const filters = [sloEntityCard, sloEntityContent].map(entityFilterOf);
    for (const filter of filters) {
      expect(filter(userServiceEntity)).toBe(true);
      expect(filter(apiGatewayEntity)).toBe(false);
    }
  });

  it('mounts the tab at /slos with the title SLOs', () => {
    expect(entityContentMount(sloEntityContent)).toEqual({
      path: '/slos',
      title: 'SLOs',
    });
  });

  it('serves the org-wide page at /slos with a nav title and icon', async () => {
    expect(pageMount(sloPage)).toEqual({
      path: '/slos',
      title: 'SLOs',
      hasIcon: true,
    });

    renderTestApp({
      extensions: [sloPage],
      apis: [[sloApiRef, new FakeSloApi()]],
      initialRouteEntries: ['/slos?status=critical'],
    });
    // The page is lazy-loaded; the first import compiles recharts and friends.
    expect(
      await screen.findByText(
        'Service level objectives',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'order-availability' }),
    ).toHaveAttribute(
      'href',
      '/slos/slo?id=order-service%2Forder-availability',
    );
  }, 30_000);

  it('serves the detail page under the same page, from a deep link', async () => {
    renderTestApp({
      extensions: [sloPage],
      apis: [[sloApiRef, new FakeSloApi()]],
      initialRouteEntries: [
        '/slos/slo?id=user-service%2Fapi-availability&resolution=1d',
      ],
    });
    expect(
      await screen.findByRole(
        'heading',
        { name: 'api-availability' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '1d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }, 30_000);
});
