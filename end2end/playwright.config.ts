import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * One sandbox for the whole run, on a free port and a database created fresh each time. The
 * port is chosen once, where the config is first read, and passed on to the workers (which
 * read this file again) through the environment.
 */
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })",
])
  .toString()
  .trim();
const PORT = Number(process.env.E2E_PORT);
const DB = path.join(os.tmpdir(), `vps-e2e-${PORT}.db`);

export const BASE_URL = `http://127.0.0.1:${PORT}`;
process.env.E2E_BASE_URL = BASE_URL;

export default defineConfig({
  outputDir: './test-results',
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
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command:
      `rm -f ${DB} ${DB}-wal ${DB}-shm && ` +
      `../target/release/vps-sandbox --static ../dist --db ${DB} --listen 127.0.0.1:${PORT} ` +
      `--activation-delay 300 --transfer-delay 600 --quiet`,
    url: `${BASE_URL}/sandbox/clock`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
