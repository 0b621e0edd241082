import { ConfigReader } from '@backstage/config';
import { isExternalRouteAllowed, readExternalRoutes } from './externalRoutes';

const config = (externalRoutes: Record<string, string[]>) =>
  new ConfigReader({ permission: { portal: { externalRoutes } } });

describe('external routes', () => {
  const routes = readExternalRoutes(
    config({
      'portal-api-clients': ['POST /api/dora/events', 'GET /api/slo/gate'],
    }),
  );

  it.each([
    ['POST', '/api/dora/events', true],
    ['post', '/api/dora/events/', true],
    ['GET', '/api/slo/gate', true],
    ['GET', '/api/dora/events', false],
    ['POST', '/api/dora/cdevents', false],
    ['GET', '/api/slo/slos', false],
    ['DELETE', '/api/catalog/entities/by-uid/x', false],
    ['POST', '/api/dora/events/../metrics', false],
  ])('%s %s → %s for the listed client', (method, path, allowed) => {
    expect(
      isExternalRouteAllowed(routes, 'portal-api-clients', method, path),
    ).toBe(allowed);
  });

  it('allows nothing to a client that is not listed', () => {
    expect(
      isExternalRouteAllowed(routes, 'other', 'GET', '/api/slo/gate'),
    ).toBe(false);
  });

  it('refuses a route that is not METHOD /api/plugin/path, naming it', () => {
    expect(() => readExternalRoutes(config({ s: ['/api/slo/gate'] }))).toThrow(
      /externalRoutes\.s: "\/api\/slo\/gate" is not/,
    );
  });
});
