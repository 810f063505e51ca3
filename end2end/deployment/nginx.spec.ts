/**
 * The production deployment: the release build behind real nginx (deploy/nginx.conf.in), with
 * the API proxied over TLS to "admin.vps.org" (the sandbox behind a TLS edge of its own, see
 * harness.ts), which paginates with absolute links naming that host. The same flows a person
 * uses, the proxy's refusals, its headers, and faults as nginx shows them.
 */
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  test as base,
  expect,
  DEMO,
  LEGACY_AUTH_CODE,
  SEED_NAMES,
  Sandbox,
  capture,
  openDialog,
  row,
  rows,
  signIn,
  signInOnLayer,
  watchPage,
} from '../tests/support';
import { DIST, Deployment, PROVIDER_HOST } from './harness';

const test = base.extend<{ upstream: APIRequestContext }, { deployment: Deployment }>({
  deployment: [
    async ({}, use) => {
      const deployment = await Deployment.start();
      await use(deployment);
      await deployment.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ deployment }, use) => use(deployment.origin),
  // The sandbox's controls, straight to the upstream (nginx forwards none of them).
  upstream: async ({ deployment }, use) => {
    const context = await playwrightRequest.newContext({ baseURL: deployment.upstream.url });
    await use(context);
    await context.dispose();
  },
  sandbox: async ({ upstream }, use) => {
    const sandbox = new Sandbox(upstream);
    await sandbox.reset();
    await use(sandbox);
  },
});

/** Every request the page made stayed on the deployment's origin. */
function expectOneOrigin(urls: string[], origin: string): void {
  const elsewhere = urls.filter((url) => /^(https?|wss?):/.test(url) && new URL(url).origin !== origin);
  expect(elsewhere, 'requests that left the configured origin').toEqual([]);
}

/** The upstream's request log since `mark` (its length when taken). */
function upstreamRequests(deployment: Deployment, mark: number): string[] {
  return deployment.upstream
    .log()
    .slice(mark)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

test('sign-in and the whole list, three pages whose next links name admin.vps.org; nothing leaves this origin', async ({
  page,
  deployment,
  watch,
}) => {
  // What the provider sends through this proxy: page 1 of 3, next on its own host.
  const first = await page.request.get('/api/v1/domains/', { headers: { Authorization: `Bearer ${DEMO}` } });
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body.count).toBe(9);
  expect(body.results).toHaveLength(4);
  expect(body.next).toBe(`https://${PROVIDER_HOST}/api/v1/domains/?page=2`);

  const mark = deployment.upstream.log().length;
  await signIn(page);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  for (const name of SEED_NAMES) await expect(row(page, name)).toBeVisible();
  await expect(page.getByTestId('list-cut')).toHaveCount(0);
  const pages = upstreamRequests(deployment, mark).filter((line) => line.startsWith('GET /api/v1/domains/ 200'));
  expect(pages, 'three pages read, each once').toHaveLength(3);
  await capture(page, 'nginx-domains');
  expectOneOrigin(watch.urls, deployment.origin);
});

test('register, change a setting and transfer, through nginx', async ({ page, sandbox, deployment, watch }) => {
  await signIn(page);
  // Registration.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await page.locator('#domain-name').fill('through-nginx.com');
  await page.getByRole('button', { name: 'Review and pay $12.99' }).click();
  await openDialog(page).getByTestId('confirm-register').click();
  await expect(openDialog(page)).toHaveCount(0);
  await expect.poll(async () => (await sandbox.domains('through-nginx'))[0]?.status).toBe('pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);

  // A setting: auto-renew of example.com off.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await row(page, 'example.com').getByRole('link', { name: 'example.com' }).click();
  await page.getByRole('switch', { name: /Auto-renew/ }).uncheck();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await openDialog(page).getByTestId('confirm-save').click();
  await expect(page.locator('.toast--success', { hasText: 'Domain settings updated successfully.' })).toBeVisible();
  expect((await sandbox.domain(101)).auto_renew).toBe(false);

  // A transfer: legacy-shop.com with the seed's code, and the provider's next steps.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await row(page, 'legacy-shop.com').getByRole('link').click();
  await page.getByRole('link', { name: 'Transfer to VPS.org' }).click();
  await page.locator('#auth-code').fill(LEGACY_AUTH_CODE);
  await page.getByRole('button', { name: 'Review transfer ($12.99)' }).click();
  await openDialog(page).getByTestId('confirm-transfer').click();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  await expect(page.locator('ol.steps input[type=checkbox]')).toHaveCount(4);
  expect((await sandbox.domain(106)).transfer_status).toBe('pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 2 * 1299);
  await capture(page, 'nginx-transfer');
  expectOneOrigin(watch.urls, deployment.origin);

  // nginx's log has each request without its query and without a header: no token.
  const log = deployment.nginx.log();
  expect(log).toContain('"POST /api/v1/domains/106/transfer/" 200');
  expect(log).not.toContain(DEMO);
  expect(log).not.toContain('Bearer');
});

test('in Finnish, every lazy page and dialog through nginx: deep links, the chunks as nginx sends them', async ({
  browser,
  sandbox,
  deployment,
  watch,
  extraPages,
}) => {
  void sandbox; // reset to the seed
  const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  extraPages.push(page);
  await watchPage(page, watch);
  await page.addInitScript((session) => sessionStorage.setItem('vps-admin.session', JSON.stringify(session)), {
    base: `${deployment.origin}/api/v1/`,
    token: DEMO,
  });
  const chunks: string[] = [];
  page.on('response', (response) => {
    if (/\/(split|chunk)_[a-z0-9_]+-[0-9a-f]{16}\.wasm$/.test(new URL(response.url()).pathname)) {
      chunks.push(`${response.status()} ${response.headers()['content-encoding']}`);
    }
  });
  for (const [where, heading] of [
    ['/register', 'Rekisteröi verkkotunnus'],
    ['/domains/101', 'example.com'],
    ['/domains/106/transfer', 'legacy-shop.com'],
    ['/forecast', 'Tuleva vuosi'],
  ] as const) {
    await page.goto(`${deployment.origin}${where}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
  }
  await page.goto(`${deployment.origin}/domains`);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  await row(page, 'example.com').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Muuta 1 verkkotunnus…' }).click();
  await expect(openDialog(page).getByRole('heading', { name: 'Muuta valittuja verkkotunnuksia' })).toBeVisible();
  expect(chunks.length, 'chunks fetched through nginx').toBeGreaterThan(0);
  expect(chunks.every((line) => line === '200 br'), chunks.join(', ')).toBe(true);
  expectOneOrigin(watch.urls, deployment.origin);
  await context.close();
});

test('only the six endpoints are proxied: anything else under /api/ is a 404 that never reaches the upstream', async ({
  page,
  deployment,
}) => {
  const mark = deployment.upstream.log().length;
  const auth = { Authorization: `Bearer ${DEMO}` };
  for (const refused of [
    '/api/v1/openapi.json',
    '/api/v1/domains',
    '/api/v1/domains/101/whois/',
    '/api/v1/domains/abc/',
    '/api/v1/accounts/',
    '/api/v2/domains/',
    '/api/v1/domains/101/../../openapi.json',
    '/api/v1/domains/%2e%2e/openapi.json',
    '/api/',
  ]) {
    const answer = await page.request.get(refused, { headers: auth });
    expect(answer.status(), refused).toBe(404);
    expect(answer.headers()['content-type'], refused).toContain('application/json');
    expect(await answer.json(), refused).toEqual({ detail: 'Not found.' });
  }
  // The sandbox's own controls are not the provider's: never proxied either.
  expect((await page.request.post('/sandbox/reset')).status()).not.toBe(200);
  expect(upstreamRequests(deployment, mark), 'requests that reached the upstream').toEqual([]);

  // The six endpoints (as methods on three paths) do reach it.
  for (const allowed of ['/api/v1/domains/', '/api/v1/domains/101/', '/api/v1/domains/101/transfer/']) {
    const answer = await page.request.get(allowed, { headers: auth });
    expect(answer.headers()['content-type'], allowed).toContain('application/json');
  }
  expect(upstreamRequests(deployment, mark)).toHaveLength(3);

  // A body over the provider's 64 KiB is refused here, in the API's shape.
  const big = await page.request.post('/api/v1/domains/', {
    headers: { ...auth, 'Content-Type': 'application/json' },
    data: JSON.stringify({ domain_name: 'x'.repeat(70 * 1024) }),
  });
  expect(big.status()).toBe(413);
  expect((await big.json()).detail).toContain('64 KiB');
  expect(upstreamRequests(deployment, mark)).toHaveLength(3);
});

test('headers: the static host’s CSP and security headers, caching by name, precompressed files, no-store API', async ({
  page,
  deployment,
  playwright,
}) => {
  // The sandbox's --static on the same dist/ is the reference: the same policy, byte for byte.
  const reference = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const expectedPolicy = (await reference.get('/')).headers()['content-security-policy'];
  await reference.dispose();
  expect(expectedPolicy).toContain("'sha256-");

  const files = fs.readdirSync(DIST);
  const wasm = files.find((name) => name.endsWith('_bg.wasm'));
  const script = files.find((name) => name.endsWith('.js'));
  expect(wasm && script, 'a built app in dist/').toBeTruthy();
  // Every built file but index.html is named by its content: the glue, the split loader, the
  // first screen's wasm and every chunk of the split build.
  const built = files.filter((name) => name !== 'index.html' && !/\.(br|gz)$/.test(name));
  expect(built.filter((name) => /^(split|chunk)_/.test(name)).length, 'the chunks of the split build').toBeGreaterThan(2);
  for (const [where, cache] of [
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/domains/101', 'no-cache'],
    ['/register', 'no-cache'],
    ...built.map((name) => [`/${name}`, 'public, max-age=31536000, immutable'] as const),
  ] as const) {
    const answer = await page.request.get(where, { headers: { 'Accept-Encoding': 'identity' } });
    expect(answer.status(), where).toBe(200);
    const headers = answer.headers();
    expect(headers['content-security-policy'], where).toBe(expectedPolicy);
    expect(headers['content-security-policy'], where).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options'], where).toBe('nosniff');
    expect(headers['referrer-policy'], where).toBe('no-referrer');
    expect(headers['x-frame-options'], where).toBe('DENY');
    expect(headers['cache-control'], where).toBe(cache);
  }
  // A missing built file is a 404, not the app.
  expect((await page.request.get('/vps-admin-0123456789abcdef_bg.wasm')).status()).toBe(404);

  // The release build's own .br and .gz, chosen by Accept-Encoding, for every wasm file.
  for (const name of built.filter((file) => file.endsWith('.wasm'))) {
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      const answer = await fetch(`${deployment.origin}/${name}`, { headers: { 'Accept-Encoding': encoding } });
      expect(answer.headers.get('content-encoding'), name).toBe(encoding);
      expect(Number(answer.headers.get('content-length')), name).toBe(fs.statSync(path.join(DIST, `${name}${suffix}`)).size);
      expect(answer.headers.get('vary')).toContain('Accept-Encoding');
      expect(answer.headers.get('content-type'), name).toBe('application/wasm');
      await answer.arrayBuffer();
    }
  }
  const plain = await fetch(`${deployment.origin}/${wasm}`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  expect(Number(plain.headers.get('content-length'))).toBe(fs.statSync(path.join(DIST, wasm!)).size);
  await plain.arrayBuffer();

  // API answers: never stored, no cookie of the provider's, gzip only when asked (the upstream's).
  const api = await fetch(`${deployment.origin}/api/v1/domains/101/`, {
    headers: { Authorization: `Bearer ${DEMO}`, 'Accept-Encoding': 'identity' },
  });
  expect(api.status).toBe(200);
  expect(api.headers.get('cache-control')).toBe('no-store');
  // Said once, though the upstream says it too (fetch joins repeated headers with ", ").
  expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  expect(api.headers.get('set-cookie')).toBeNull();
  expect(api.headers.get('content-encoding')).toBeNull();
  expect((await api.json()).domain_name).toBe('example.com');
});

test('the upstream hanging, then down: 504 and 502 in words, the form kept; an edge’s HTML error page read as such', async ({
  page,
}) => {
  // A deployment of its own, since this one is taken apart.
  const broken = await Deployment.start({ upstreamTimeout: 3 });
  try {
    await page.goto(`${broken.origin}/register`);
    await signInOnLayer(page);
    await page.locator('#domain-name').fill('kept-through-faults.com');
    await page.locator('#years').selectOption('2');
    const dialog = openDialog(page);
    const payAndExpect = async (message: string) => {
      await page.getByRole('button', { name: 'Review and pay $25.98' }).click();
      await dialog.getByTestId('confirm-register').click();
      await expect(dialog.getByRole('alert')).toContainText(message, { timeout: 15_000 });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(page.locator('#domain-name')).toHaveValue('kept-through-faults.com');
      await expect(page.locator('#years')).toHaveValue('2');
    };

    // The upstream hangs: this nginx gives up after its timeout (3 s here) with a 504.
    broken.upstream.freeze();
    try {
      await payAndExpect('The VPS.org API did not answer the proxy in time (HTTP 504). Retry in a moment.');
    } finally {
      broken.upstream.thaw();
    }
    // The provider's edge answers, but its application is down: the edge's own HTML 502 page.
    await broken.upstream.stop();
    await payAndExpect('The proxy in front of the API got no valid answer from it (HTTP 502). Retry in a moment.');
    // The edge itself is gone: this nginx's own 502, in the API's JSON shape.
    await broken.edge.stop();
    await payAndExpect('The proxy could not get an answer from the VPS.org API (HTTP 502). Retry in a moment.');
    await page.getByRole('button', { name: 'Review and pay $25.98' }).click();
    await dialog.getByTestId('confirm-register').click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await capture(page, 'nginx-upstream-down');
  } finally {
    await broken.stop();
  }
});

test('a deployment that does not trust the upstream’s certificate sends it nothing', async ({ page }) => {
  // Only the system's CAs: the test CA's certificate for admin.vps.org fails the check.
  const untrusting = await Deployment.start({ trust: 'system' });
  try {
    const answer = await page.request.get(`${untrusting.origin}/api/v1/domains/`, {
      headers: { Authorization: `Bearer ${DEMO}` },
    });
    expect(answer.status()).toBe(502);
    expect(untrusting.upstream.log()).toBe('');
    expect(untrusting.nginx.log('error.log')).toContain('certificate');
  } finally {
    await untrusting.stop();
  }
});
