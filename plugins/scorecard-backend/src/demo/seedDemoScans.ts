import { ScorecardStore } from '../database/ScorecardStore';

/**
 * Image-scan results for the demo catalog, as the golden-path CI would push them: one run per
 * service per day for the last three days (so the results have a history), web-storefront with
 * a critical finding. Run ids are per day, so restarting the portal the same day adds nothing.
 */
export async function seedDemoScans(store: ScorecardStore, now: Date) {
  const services = [
    'portal',
    'payment-service',
    'order-service',
    'user-service',
    'inventory-service',
    'notification-service',
    'api-gateway',
    'web-storefront',
  ];
  for (let daysAgo = 2; daysAgo >= 0; daysAgo--) {
    const at = new Date(now.getTime() - daysAgo * 86400_000);
    const day = at.toISOString().slice(0, 10);
    for (const name of services) {
      const critical = name === 'web-storefront' ? 1 : 0;
      const runId = `demo-scan-${name}-${day}`;
      await store.insertCiResults(runId, [
        {
          runId,
          entityRef: `component:default/${name}`,
          checkId: 'image-scan',
          state: critical > 0 ? 'fail' : 'pass',
          message:
            critical > 0
              ? '1 critical finding (CVE-2024-45337 in golang.org/x/crypto)'
              : 'no critical findings',
          reportedAt: at.toISOString(),
          reportedBy: 'demo',
        },
      ]);
    }
  }
}
