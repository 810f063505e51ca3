/**
 * One sandbox for the whole run, started the one way the project starts a sandbox
 * (scripts/lib/sandbox.mjs: a free port, the address it prints), on a database made fresh
 * each time, serving the release build in dist/. Its address reaches the workers through the
 * environment (E2E_BASE_URL), before they read playwright.config.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const { startSandbox } = await import('../scripts/lib/sandbox.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vps-e2e-'));
  const sandbox = await startSandbox({
    db: path.join(dir, 'sandbox.db'),
    staticDir: path.resolve(__dirname, '../dist'),
    activationDelay: 300,
    args: ['--transfer-delay', '600'],
  });
  process.env.E2E_BASE_URL = sandbox.origin;
  return async () => {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
