/**
 * `make run UPSTREAM=…`, as the README gives it: trunk serve proxying /api/v1/domains/ to the
 * given API (here the HTTPS stand-in for admin.vps.org, its CA trusted through SSL_CERT_FILE),
 * and no sandbox started. Runs the real command, so it waits for a debug build.
 */
import { spawn } from 'node:child_process';
import { test as base, expect, SEED_NAMES, rows, signIn } from '../tests/support';
import { Deployment, ROOT, freePort, isListening } from './harness';

const test = base.extend<{ stand_in: Deployment }>({
  stand_in: async ({}, use) => {
    const deployment = await Deployment.start();
    await use(deployment);
    await deployment.stop();
  },
  // Nothing of the sandbox's controls is reachable (or needed) through trunk serve.
  sandbox: async ({}, use) => use(undefined as never),
});

test('make run UPSTREAM=… serves the app against that API alone', async ({ page, stand_in }) => {
  test.setTimeout(600_000);
  const appPort = await freePort();
  const sandboxPort = await freePort();
  const upstream = `https://127.0.0.1:${stand_in.edge.port}`;
  const run = spawn('make', ['run', `UPSTREAM=${upstream}`, `APP_PORT=${appPort}`, `SANDBOX_PORT=${sandboxPort}`], {
    cwd: ROOT,
    env: { ...process.env, SSL_CERT_FILE: stand_in.ca },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  run.stdout?.on('data', (chunk) => (output += chunk));
  run.stderr?.on('data', (chunk) => (output += chunk));
  try {
    // Served, and built: trunk logs "success" once the first build is in place.
    await expect
      .poll(async () => run.exitCode === null && output.includes('success') && (await isListening(appPort)), {
        timeout: 540_000,
        intervals: [1000],
      })
      .toBe(true);
    expect(output).toContain(`${upstream}/api/v1/domains/`);
    await signIn(page, { path: `http://127.0.0.1:${appPort}/domains` });
    await expect(rows(page)).toHaveCount(SEED_NAMES.length);
    // Three pages from the upstream, whose links named its own origin, read through trunk's proxy.
    expect(stand_in.upstream.log().match(/^GET \/api\/v1\/domains\/ 200/gm)).toHaveLength(3);
    expect(await isListening(sandboxPort), 'no sandbox was started').toBe(false);
    expect(output).not.toContain('vps-sandbox listening');
  } finally {
    if (run.pid) process.kill(-run.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});
