/**
 * Faults: a 401 in mid-session, 500, 503 with Retry-After, connection refused (intercepted, and
 * a sandbox really stopped), a 5-second answer, a malformed JSON body. Each must give a clear
 * message and a way to retry, keep the app alive and what was typed, and never charge twice.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Page } from '@playwright/test';
import {
  test,
  expect,
  DEMO,
  LEGACY_AUTH_CODE,
  capture,
  openDialog,
  row,
  firstOf,
  keyTo,
  only,
  rows,
  signIn,
  signInByKeyboard,
  signInOnLayer,
  tabTo,
  watchPage,
} from './support';

const LIST = (url: URL) => url.pathname === '/api/v1/domains/';
const DETAIL = (id: number) => (url: URL) => url.pathname === `/api/v1/domains/${id}/`;

// The seed's pending registration activates first: no background poll then races the
// interceptions below (each test still starts from a reset sandbox).
test.beforeEach(async ({ sandbox }) => {
  await sandbox.advanceClock(301);
});

async function openRegister(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Register a domain' })).toBeVisible();
}

/** Fills the registration form (2 years, privacy off) and opens the confirmation. */
async function fillAndReview(page: Page, name: string): Promise<void> {
  await page.locator('#domain-name').fill(name);
  await page.locator('#years').selectOption('2');
  await page.getByRole('checkbox', { name: /WHOIS privacy/ }).uncheck();
  await page.getByRole('button', { name: /^Review and pay/ }).click();
  await expect(openDialog(page)).toBeVisible();
}

/** The registration form still holds what was typed. */
async function expectFormKept(page: Page, name: string): Promise<void> {
  await expect(page.locator('#domain-name')).toHaveValue(name);
  await expect(page.locator('#years')).toHaveValue('2');
  await expect(page.getByRole('checkbox', { name: /WHOIS privacy/ })).not.toBeChecked();
}

/** The app still answers: the main navigation leads to the table. */
async function expectAlive(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await expect(page.getByRole('heading', { name: 'Domains', level: 1 })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
}

test('401 in mid-session: sign in again and carry on where you were, with what you typed', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await openRegister(page);
  await page.route(
    LIST,
    firstOf('POST', (route) =>
      route.fulfill({
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer' },
        contentType: 'application/json',
        body: JSON.stringify({ detail: 'Invalid token.' }),
      }),
    ),
  );
  await fillAndReview(page, 'keep-typing.co');
  await openDialog(page).getByTestId('confirm-register').click();

  const layer = page.locator('.sign-in');
  await expect(layer.getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  await expect(layer.getByRole('alert')).toContainText('Your session ended: the API said “Invalid token.” Sign in to carry on where you were');
  await expect(layer.locator('#api-token')).toBeFocused();
  await expect(layer.locator('#api-token')).toHaveValue('');
  await capture(page, 'sign-in-again');

  await signInOnLayer(page);
  await expect(page).toHaveURL(/\/register$/);
  await expectFormKept(page, 'keep-typing.co');
  // Nothing left over telling a signed-in person to sign in.
  await expect(page.getByText(/session has ended/i)).toHaveCount(0);
  expect(await sandbox.balanceCents()).toBe(10_000);

  await page.getByRole('button', { name: 'Review and pay $49.98' }).click();
  await openDialog(page).getByTestId('confirm-register').click();
  await expect(row(page, 'keep-typing.co')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 4998);
  expect((await sandbox.domains('keep-typing.co')).map((domain) => domain.status)).toEqual(['pending']);

  // A 401 on a background read, on a filtered view: back to the same view.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await page.locator('[data-risk=expired]').click();
  await expect(page).toHaveURL(/risk=expired/);
  await page.route(
    LIST,
    firstOf('GET', (route) => route.fulfill({ status: 401, json: { detail: 'Invalid token.' } })),
  );
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  await expect(page.locator('.sign-in')).toBeVisible();
  await signInOnLayer(page);
  await expect(page).toHaveURL(/\/domains\?risk=expired$/);
  expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-domain')))).toEqual([
    'old-project.net',
  ]);
});

test('keyboard only: a 401 while paying, signing in again, and paying from where you were', async ({
  page,
  sandbox,
}) => {
  await signInByKeyboard(page);
  await keyTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }), 'Enter', {
    backwards: true,
  });
  await tabTo(page, page.locator('#domain-name'));
  await page.keyboard.type('kbd-session.net');
  const review = page.getByRole('button', { name: 'Review and pay $14.99' });
  await keyTo(page, review);
  await page.route(
    LIST,
    firstOf('POST', (route) => route.fulfill({ status: 401, json: { detail: 'Invalid token.' } })),
  );
  await keyTo(page, openDialog(page).getByTestId('confirm-register'));
  await expect(page.locator('#api-token')).toBeFocused();
  await page.keyboard.type(DEMO);
  await page.keyboard.press('Enter');
  await expect(page.locator('.sign-in')).toHaveCount(0);
  // The focus is at the start of the content (the dialog it was in has closed), the name
  // still typed: the next Tab is the form's first field.
  await expect(page.locator('#main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#domain-name')).toBeFocused();
  await expect(page.locator('#domain-name')).toHaveValue('kbd-session.net');
  await keyTo(page, review);
  await keyTo(page, openDialog(page).getByTestId('confirm-register'));
  await expect(row(page, 'kbd-session.net')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 1499);
});

test('a 401 arriving while a dialog is open: the dialog gives way to the sign-in layer', async ({ page, sandbox }) => {
  await signIn(page);
  // The detail read that opening the page starts answers 401, a moment later.
  await page.route(
    DETAIL(101),
    firstOf('GET', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.fulfill({ status: 401, json: { detail: 'Token revoked.' } });
    }),
  );
  await row(page, 'example.com').getByRole('link').click();
  await page.getByRole('button', { name: 'Remove from account…' }).click();
  await expect(openDialog(page)).toBeVisible();
  await page.locator('#confirm-name').fill('example.com');

  const layer = page.locator('.sign-in');
  await expect(layer.getByRole('alert')).toContainText('Token revoked.');
  await expect(openDialog(page)).toHaveCount(0);
  await expect(layer.locator('#api-token')).toBeFocused();
  // Reachable with the pointer too: nothing lies over the form.
  await signInOnLayer(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('example.com');
  expect(await sandbox.domains('example.com')).toHaveLength(1);
});

test('500 on paying: a clear message, a retry with the same key, one charge', async ({ page, sandbox }) => {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && LIST(new URL(request.url()))) keys.push(request.headers()['idempotency-key']);
  });
  await signIn(page);
  await openRegister(page);
  await page.route(
    LIST,
    firstOf('POST', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' })),
  );
  await fillAndReview(page, 'server-hiccup.com');
  const dialog = openDialog(page);
  await dialog.getByTestId('confirm-register').click();
  await expect(dialog.getByRole('alert')).toContainText('The API had an internal error (HTTP 500). Retry in a moment.');
  await expect(dialog.getByTestId('confirm-register')).toHaveText('Retry: pay $25.98');
  expect(await sandbox.balanceCents()).toBe(10_000);
  await capture(page, 'register-500');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectFormKept(page, 'server-hiccup.com');
  await page.getByRole('button', { name: 'Review and pay $25.98' }).click();
  await dialog.getByTestId('confirm-register').click();
  await expect(row(page, 'server-hiccup.com')).toContainText('Pending');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await sandbox.domains('server-hiccup.com')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 2598);

  // A 500 reading a domain's detail: what was loaded before stays, and Refresh tries again.
  await page.route(DETAIL(101), firstOf('GET', (route) => route.fulfill({ status: 500, json: { detail: 'Boom.' } })));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await row(page, 'example.com').getByRole('link').click();
  const notice = page.getByRole('alert').filter({ hasText: "Couldn't refresh this domain." });
  await expect(notice).toContainText('Boom (HTTP 500). Retry in a moment.');
  await expect(notice).toContainText('Showing what was loaded before.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('example.com');
  await capture(page, 'domain-500');
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByText('Managed by VPS.org · 12 records')).toBeVisible();
  await expectAlive(page);
});

test('503 with Retry-After: the list says when to retry and keeps showing; edits survive a failed save', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await page.locator('#domain-search').fill('example');
  await expect(rows(page)).toHaveCount(1);
  await page.route(
    LIST,
    firstOf('GET', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'Retry-After': '7' },
        json: { detail: 'Service temporarily unavailable.' },
      }),
    ),
  );
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  const problem = page.getByRole('alert').filter({ hasText: "Couldn't load the domains." });
  await expect(problem).toContainText('Service temporarily unavailable. Retry in 7 s.');
  await expect(problem).toContainText('Showing the list as it was');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator('#domain-search')).toHaveValue('example');
  await capture(page, 'domains-503');
  await page.unroute(LIST);
  await problem.getByRole('button', { name: 'Retry' }).click();
  await expect(problem).toHaveCount(0);
  await expect(page.locator('#domain-search')).toHaveValue('example');

  // A 503 saving settings: the reason, the edits still there, and saving again works.
  await row(page, 'example.com').getByRole('link').click();
  await page.getByRole('switch', { name: /Auto-renew/ }).uncheck();
  await page.getByRole('radio', { name: 'Custom nameservers' }).check();
  await page.locator('#settings-ns-0').fill('ns1.later.example');
  await page.locator('#settings-ns-1').fill('ns2.later.example');
  await page.route(
    DETAIL(101),
    firstOf('PUT', (route) =>
      route.fulfill({ status: 503, headers: { 'Retry-After': '3' }, json: { detail: 'Down for maintenance.' } }),
    ),
  );
  await page.getByRole('button', { name: 'Review changes' }).click();
  await openDialog(page).getByTestId('confirm-save').click();
  await expect(page.locator('.settings .form-errors')).toContainText('Down for maintenance. Retry in 3 s.');
  await expect(page.getByRole('switch', { name: /Auto-renew/ })).not.toBeChecked();
  await expect(page.locator('#settings-ns-0')).toHaveValue('ns1.later.example');
  await capture(page, 'settings-503');
  expect((await sandbox.domain(101)).auto_renew).toBe(true);
  await page.getByRole('button', { name: 'Review changes' }).click();
  await openDialog(page).getByTestId('confirm-save').click();
  await expect(page.locator('.toast--success')).toContainText('Domain settings updated successfully.');
  const saved = await sandbox.domain(101);
  expect(saved.auto_renew).toBe(false);
  expect(saved.nameservers).toEqual(['ns1.later.example', 'ns2.later.example']);
});

test('connection refused: at sign-in, and paying for a transfer; retrying charges once', async ({ page, sandbox }) => {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.goto('/domains');
  await page.locator('#api-token').fill(DEMO);
  await page.locator('.sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.sign-in .form-error')).toContainText('Could not reach');
  await expect(page.locator('.sign-in .form-error')).toContainText('that the API (or the sandbox) is running');
  await expect(page.locator('#api-token')).toHaveValue(DEMO);
  await capture(page, 'sign-in-unreachable');
  await page.unroute('**/api/**');
  await page.locator('.sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.sign-in')).toHaveCount(0);

  await row(page, 'legacy-shop.com').getByRole('link').click();
  await page.getByRole('link', { name: 'Transfer to VPS.org' }).click();
  await page.locator('#auth-code').fill(LEGACY_AUTH_CODE);
  await page.getByRole('button', { name: 'Review transfer ($12.99)' }).click();
  await page.route('**/api/v1/domains/106/transfer/', firstOf('POST', (route) => route.abort('connectionrefused')));
  const dialog = openDialog(page);
  await dialog.getByTestId('confirm-transfer').click();
  await expect(dialog.getByRole('alert')).toContainText('Could not reach the API.');
  await expect(dialog.getByRole('alert')).toContainText('never charged twice');
  await expect(dialog.getByTestId('confirm-transfer')).toHaveText('Retry: pay $12.99');
  await capture(page, 'transfer-unreachable');
  expect(await sandbox.balanceCents()).toBe(10_000);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('#auth-code')).toHaveValue(LEGACY_AUTH_CODE);
  await page.getByRole('button', { name: 'Review transfer ($12.99)' }).click();
  await dialog.getByTestId('confirm-transfer').click();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);
  await expectAlive(page);
});

test('a sandbox really stopped and started again: the app says so, keeps the form, and retries once', async ({
  page,
  browser,
  watch,
  extraPages,
}) => {
  void page;
  // A second sandbox of our own (serving the app too, so the page's origin is its origin),
  // started as every sandbox is (scripts/lib/sandbox.mjs), on a free port first and then again
  // on that same port: the page's origin must not change.
  const { startSandbox } = await import('../../scripts/lib/sandbox.mjs');
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vps-e2e-stoppable-')), 'sandbox.db');
  const dist = path.resolve(__dirname, '../../dist');
  let server: { origin: string; port: number; stop: () => Promise<void> } | undefined;
  let listen = '127.0.0.1:0';
  let origin = '';
  const start = async () => {
    server = await startSandbox({ db, staticDir: dist, listen });
    listen = `127.0.0.1:${server.port}`;
    origin = server.origin;
  };
  const stop = async () => {
    await server?.stop();
    await expect
      .poll(async () => (await fetch(`${origin}/sandbox/clock`).catch(() => null))?.status ?? 0)
      .toBe(0);
  };
  const balance = async () =>
    (await (await fetch(`${origin}/sandbox/account`, { headers: { Authorization: `Bearer ${DEMO}` } })).json()).balance;

  try {
    await start();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    extraPages.push(other);
    await watchPage(other, watch);
    await other.goto(`${origin}/domains`);
    await signInOnLayer(other);
    await expect(rows(other)).toHaveCount(9);
    // The register page's code arrives while the server is up, as a visit or a hover before
    // would bring it: what stops below is the API (lazy-routes.spec.ts covers a chunk that
    // cannot be fetched).
    await openRegister(other);
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
    await expect(rows(other)).toHaveCount(9);

    await stop();
    await other.getByRole('button', { name: '↻ Refresh' }).click();
    const problem = other.getByRole('alert').filter({ hasText: "Couldn't load the domains." });
    await expect(problem).toContainText('Could not reach the API.');
    await expect(rows(other)).toHaveCount(9);

    await openRegister(other);
    await fillAndReview(other, 'while-down.org');
    const dialog = openDialog(other);
    await dialog.getByTestId('confirm-register').click();
    await expect(dialog.getByRole('alert')).toContainText('Could not reach the API.');
    await expect(dialog.getByTestId('confirm-register')).toHaveText('Retry: pay $27.98');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectFormKept(other, 'while-down.org');
    await other.getByRole('button', { name: 'Review and pay $27.98' }).click();

    await start();
    await dialog.getByTestId('confirm-register').click();
    await expect(row(other, 'while-down.org')).toContainText('Pending');
    expect(await balance()).toBe(100 - 27.98);
    await expectAlive(other);
    await context.close();
  } finally {
    await server?.stop();
  }
});

test('a 5-second answer: the app shows it is working, stays usable, and pays once', async ({ page, sandbox }) => {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST') posts += 1;
  });
  await signIn(page);
  const slow = (method: string) =>
    only(method, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await route.fallback();
    });

  // A slow list: "Refreshing…", and the table still filters while it waits.
  await page.route(LIST, slow('GET'));
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  await expect(page.getByText('Refreshing…')).toBeVisible();
  await expect(page.getByRole('button', { name: '↻ Refresh' })).toBeDisabled();
  await page.locator('#domain-search').fill('shop');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByText(/^Updated /)).toBeVisible({ timeout: 15_000 });
  await page.unroute(LIST);
  await page.locator('#domain-search').fill('');

  // A slow payment: busy, can't be sent twice or dismissed, then done.
  await openRegister(page);
  await page.route(LIST, slow('POST'));
  await fillAndReview(page, 'slow-answer.dev');
  const dialog = openDialog(page);
  const pay = dialog.getByTestId('confirm-register');
  await pay.click();
  await expect(pay).toHaveText('Registering…');
  await expect(pay).toBeDisabled();
  await expect(pay).toHaveAttribute('aria-busy', 'true');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await pay.click({ force: true });
  await expect(row(page, 'slow-answer.dev')).toContainText('Pending', { timeout: 15_000 });
  expect(posts).toBe(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 2998);
});

test('a malformed JSON body: a clear message and a retry; a registration whose answer was garbled is not charged twice', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await page.route(
    LIST,
    firstOf('GET', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"count": 9, "results": [{"id": 101,' }),
    ),
  );
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  const problem = page.getByRole('alert').filter({ hasText: "Couldn't load the domains." });
  await expect(problem).toContainText('The API sent an answer the app could not read.');
  await expect(rows(page)).toHaveCount(9);
  await capture(page, 'domains-malformed');
  await page.unroute(LIST);
  await problem.getByRole('button', { name: 'Retry' }).click();
  await expect(problem).toHaveCount(0);

  // The server registers and charges, but its answer arrives cut short.
  await openRegister(page);
  await page.route(
    LIST,
    firstOf('POST', async (route) => {
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.fulfill({ response: answer, body: (await answer.text()).slice(0, 40) });
    }),
  );
  await fillAndReview(page, 'garbled-answer.io');
  const dialog = openDialog(page);
  await dialog.getByTestId('confirm-register').click();
  await expect(dialog.getByRole('alert')).toContainText('The API sent an answer the app could not read.');
  await expect(dialog.getByRole('alert')).toContainText('never charged twice');
  expect(await sandbox.balanceCents()).toBe(10_000 - 7998);
  await dialog.getByTestId('confirm-register').click();
  await expect(row(page, 'garbled-answer.io')).toContainText('Pending');
  expect(await sandbox.domains('garbled-answer.io')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 7998);
  await expectAlive(page);
});
