// 3. Seeded scale: one sandbox serving the API, the built app and the baseline on one origin,
// with the demo account at 10,000 domains and the other account at 100.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox as startOne } from '../../scripts/lib/sandbox.mjs';
import { inlineStyles } from './size.mjs';

export { DEMO_TOKEN, OTHER_TOKEN } from '../../scripts/lib/sandbox.mjs';

/** A temp directory with the app's dist/ and the baseline under baseline/ (with the app's CSS). */
export function assembleSite(dist, baselineDir) {
  const dir = mkdtempSync(join(tmpdir(), 'vps-bench-site-'));
  for (const name of readdirSync(dist)) copyFileSync(join(dist, name), join(dir, name));
  mkdirSync(join(dir, 'baseline'));
  for (const name of readdirSync(baselineDir)) copyFileSync(join(baselineDir, name), join(dir, 'baseline', name));
  const css = inlineStyles(dist).join('\n');
  writeFileSync(join(dir, 'baseline', 'app.css'), css);
  // Compressed as the app's own files are (the build's .br/.gz came with dist/), so both go
  // through the same server the same way.
  execFileSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), '../../scripts/precompress.mjs'), join(dir, 'baseline')], {
    stdio: 'ignore',
  });
  return dir;
}

/** The one way to start a sandbox (scripts/lib/sandbox.mjs), with the bench's activation delay. */
export function startSandbox({ binary, staticDir, db, activationDelay = 86_400 }) {
  return startOne({ binary, staticDir, db, activationDelay });
}

export async function api(origin, method, path, token, body) {
  const response = await fetch(origin + path, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Tops the account up to `total` domains with generated ones; returns the count. */
export async function seedTo(origin, token, total) {
  const have = (await api(origin, 'GET', '/api/v1/domains/?page_size=1&page=1', token)).count;
  let missing = total - have;
  while (missing > 0) {
    const count = Math.min(missing, 50_000);
    await api(origin, 'POST', '/sandbox/generate', token, { count });
    missing -= count;
  }
  const count = (await api(origin, 'GET', '/api/v1/domains/?page_size=1&page=1', token)).count;
  if (count !== total) throw new Error(`expected ${total} domains, the account has ${count}`);
  return count;
}

/** The ids the account holds (for the load test's detail reads). */
export async function idsOf(origin, token) {
  const list = await api(origin, 'GET', '/api/v1/domains/', token);
  return list.results.map((item) => item.id);
}

