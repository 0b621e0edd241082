import { defineConfig } from '@playwright/test';

// The browser test drives Debian's Chromium (never a downloaded browser) against the real backend,
// which serves the built app from packages/app/dist. global-setup boots it on this port.
const port = Number(process.env.PORTAL_E2E_PORT ?? 7107);

export default defineConfig({
  testDir: './playwright',
  globalSetup: require.resolve('./playwright/global-setup'),
  timeout: 90_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: '../../test-results/playwright',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
