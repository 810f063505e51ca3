import { defineConfig } from '@playwright/test';
// The flags every script of this project runs Chromium with.
import { CHROMIUM_ARGS } from '../scripts/lib/chromium.mjs';

export default defineConfig({
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  projects: [
    // The release build on the sandbox's --static (one origin, the CSP), every flow and fault.
    { name: 'sandbox', testDir: './tests' },
    // The same build behind real nginx, proxying to an HTTPS "admin.vps.org" (deployment/harness.ts).
    { name: 'nginx', testDir: './deployment' },
  ],
  // One sandbox, one clock, one set of balances: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    // The sandbox global-setup.ts started (on a free port it printed), for every worker.
    baseURL: process.env.E2E_BASE_URL,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
});
