import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import plugin from './index';
import { reviewPage } from './plugin';

describe('review plugin', () => {
  it('serves the review page at /review with a nav title and icon', () => {
    expect(plugin.id).toBe('review');
    const tester = createExtensionTester(reviewPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/review');
    expect(tester.get(coreExtensionData.title)).toBe('Monthly review');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });
});
