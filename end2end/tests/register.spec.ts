/** Registering a domain: the quote, the confirmation, pending → active, and paying once only. */
import { type Page } from '@playwright/test';
import {
  test,
  expect,
  capture,
  firstOf,
  keyTo,
  openDialog,
  row,
  signIn,
  signInByKeyboard,
  tabTo,
} from './support';

/** Register in the main navigation, without a page load (the token lives in memory only). */
async function openRegister(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Register a domain' })).toBeVisible();
}

/** Fills the form and opens the confirmation. */
async function review(page: Page, name: string, years = 1): Promise<void> {
  await page.locator('#domain-name').fill(name);
  await page.locator('#years').selectOption(String(years));
  await page.getByRole('button', { name: /^Review and pay/ }).click();
  await expect(openDialog(page).getByRole('heading', { name: 'Confirm registration' })).toBeVisible();
}

/** Counts the registration requests a page sends, with their Idempotency-Keys. */
function watchRegistrations(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/domains/') {
      keys.push(request.headers()['idempotency-key'] ?? '(none)');
    }
  });
  return keys;
}

test('the quote is years × price; confirming registers it as pending; the clock makes it active without a reload', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await openRegister(page);
  await expect(page.getByText('Type a name to see its price')).toBeVisible();
  await capture(page, 'register');

  // The quote follows the name's TLD and the years, in whole cents.
  const total = page.getByTestId('quote-total');
  for (const [name, years, expected] of [
    ['quote-check.com', 1, '$12.99'],
    ['quote-check.io', 2, '$79.98'],
    ['quote-check.co', 10, '$249.90'],
    ['quote-check.net', 3, '$44.97'],
  ] as const) {
    await page.locator('#domain-name').fill(name);
    await page.locator('#years').selectOption(String(years));
    await expect(total).toHaveText(expected);
    await expect(page.getByRole('button', { name: `Review and pay ${expected}` })).toBeVisible();
  }
  // The name as typed is checked at once: an unsupported TLD has no price.
  await page.locator('#domain-name').fill('quote-check.xyz');
  await expect(page.locator('#domain-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(total).toHaveCount(0);

  await page.locator('#domain-name').fill('fresh-idea.dev');
  await page.locator('#years').selectOption('3');
  await expect(total).toHaveText('$44.97');
  await expect(page.locator('.price-table tr[aria-current=true]')).toContainText('.dev');
  await capture(page, 'register-quote');

  await page.getByRole('button', { name: 'Review and pay $44.97' }).click();
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Register fresh-idea.dev for 3 years.');
  await expect(dialog.locator('dd.strong')).toHaveText('$44.97');
  await capture(page, 'register-confirm');
  expect(await sandbox.balanceCents()).toBe(10_000);

  await dialog.getByTestId('confirm-register').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/domains\?q=fresh-idea\.dev$/);
  await expect(page.locator('.toast--success')).toContainText('Domain registration initiated');
  await expect(row(page, 'fresh-idea.dev')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 4497);
  const [created] = await sandbox.domains('fresh-idea.dev');
  expect(created.status).toBe('pending');

  // The activation delay passes on the sandbox's clock; the row changes by itself.
  await sandbox.advanceClock(301);
  await expect(row(page, 'fresh-idea.dev')).toContainText('Active', { timeout: 40_000 });
  await expect(row(page, 'fresh-idea.dev')).not.toContainText('Pending');
  expect((await sandbox.domain(created.id)).status).toBe('active');
});

test('a double-click on pay registers once and charges once', async ({ page, sandbox }) => {
  const posts = watchRegistrations(page);
  await signIn(page);
  await openRegister(page);
  await review(page, 'double-click.com', 2);
  await openDialog(page).getByTestId('confirm-register').dblclick();
  await expect(row(page, 'double-click.com')).toBeVisible();
  expect(await sandbox.domains('double-click.com')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 2598);
  expect(posts).toHaveLength(1);

  // Three clicks in the same task, before the app can re-render: still one domain, one charge.
  await openRegister(page);
  await review(page, 'same-tick.org');
  await openDialog(page)
    .getByTestId('confirm-register')
    .evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
      button.click();
    });
  await expect(row(page, 'same-tick.org')).toBeVisible();
  expect(await sandbox.domains('same-tick.org')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 2598 - 1399);
  expect(posts).toHaveLength(2);
});

test('a retry after a dropped connection is replayed: one domain, one charge', async ({ page, sandbox }) => {
  const posts = watchRegistrations(page);
  await signIn(page);
  await openRegister(page);
  await review(page, 'dropped-line.io');

  // The server registers and charges, but the answer never reaches the browser.
  let reachedServer = 0;
  await page.route('**/api/v1/domains/', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const answer = await route.fetch();
    reachedServer = answer.status();
    await route.abort('connectionreset');
  });
  const dialog = openDialog(page);
  await dialog.getByTestId('confirm-register').click();
  await expect(dialog.getByRole('alert')).toContainText('Could not reach the API');
  await expect(dialog.getByRole('alert')).toContainText('never charged twice');
  expect(reachedServer).toBe(201);
  expect(await sandbox.balanceCents()).toBe(10_000 - 3999);
  await expect(dialog.getByTestId('confirm-register')).toHaveText('Retry: pay $39.99');
  await capture(page, 'register-network-error');
  await page.unroute('**/api/v1/domains/');

  await dialog.getByTestId('confirm-register').click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'dropped-line.io')).toContainText('Pending');
  expect(posts).toHaveLength(2);
  expect(posts[1]).toBe(posts[0]);
  expect(await sandbox.domains('dropped-line.io')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(10_000 - 3999);
});

test('402: with too little balance the registration says why and charges nothing', async ({ page, sandbox }) => {
  await sandbox.setBalance(5);
  await signIn(page);
  await openRegister(page);
  await review(page, 'cannot-afford.com', 2);
  const dialog = openDialog(page);
  await dialog.getByTestId('confirm-register').click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Insufficient balance');
  await expect(alert).toContainText('$25.98');
  await expect(alert).toContainText('$5.00');
  await capture(page, 'register-402');
  expect(await sandbox.balanceCents()).toBe(500);
  expect(await sandbox.domains('cannot-afford')).toHaveLength(0);

  // What was typed is still there behind the dialog.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('#domain-name')).toHaveValue('cannot-afford.com');
  await expect(page.locator('#years')).toHaveValue('2');

  // Still short: asked again from the same dialog, it says so again.
  await page.getByRole('button', { name: 'Review and pay $25.98' }).click();
  await dialog.getByTestId('confirm-register').click();
  await expect(alert).toContainText('Insufficient balance');

  // After a top-up (in another tab, say), paying from the open dialog goes through, charged once.
  await sandbox.setBalance(30);
  await dialog.getByTestId('confirm-register').click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'cannot-afford.com')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(3000 - 2598);
});

test('a name already registered is refused with the provider’s reason, at no cost', async ({ page, sandbox }) => {
  await signIn(page);
  await openRegister(page);
  await review(page, 'taken.io');
  await openDialog(page).getByTestId('confirm-register').click();
  await expect(openDialog(page)).toHaveCount(0);
  await expect(page.locator('#domain-name-message')).toHaveText('This domain is already registered.');
  await expect(page.locator('#domain-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#domain-name')).toHaveValue('taken.io');
  expect(await sandbox.balanceCents()).toBe(10_000);
});

test('keyboard only: register, with the quote and the confirmation, then see it become active', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await keyTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }), 'Enter', {
    backwards: true,
  });
  await tabTo(page, page.locator('#domain-name'));
  await page.keyboard.type('Keyboard-Only.APP');
  await page.keyboard.press('Tab');
  await expect(page.locator('#years')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('quote-total')).toHaveText('$29.98');
  await keyTo(page, page.getByRole('button', { name: 'Review and pay $29.98' }));
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Register keyboard-only.app for 2 years.');
  // Escape closes the confirmation without paying, and the focus goes back to the form.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Review and pay $29.98' })).toBeFocused();
  await page.keyboard.press('Enter');
  await keyTo(page, dialog.getByTestId('confirm-register'));
  await expect(row(page, 'keyboard-only.app')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(10_000 - 2998);
  await sandbox.advanceClock(301);
  await expect(row(page, 'keyboard-only.app')).toContainText('Active', { timeout: 40_000 });
});

test('keyboard only: a refused payment says why and can be paid after a top-up; a dropped answer is retried once', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(5);
  await signInByKeyboard(page);
  const register = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' });
  await keyTo(page, register, 'Enter', { backwards: true });
  await tabTo(page, page.locator('#domain-name'));
  await page.keyboard.type('kbd-refused.com');
  await keyTo(page, page.getByRole('button', { name: 'Review and pay $12.99' }));
  const dialog = openDialog(page);
  const pay = dialog.getByTestId('confirm-register');
  await keyTo(page, pay);
  await expect(dialog.getByRole('alert')).toContainText('Insufficient balance');
  // The focus is still on the button, ready for another try.
  await expect(pay).toBeFocused();
  await sandbox.setBalance(30);
  await page.keyboard.press('Enter');
  await expect(row(page, 'kbd-refused.com')).toContainText('Pending');
  expect(await sandbox.balanceCents()).toBe(3000 - 1299);

  await keyTo(page, register, 'Enter', { backwards: true });
  await tabTo(page, page.locator('#domain-name'));
  await page.keyboard.type('kbd-dropped.org');
  await keyTo(page, page.getByRole('button', { name: 'Review and pay $13.99' }));
  await page.route(
    (url) => url.pathname === '/api/v1/domains/',
    firstOf('POST', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    }),
  );
  await keyTo(page, pay);
  await expect(pay).toHaveText('Retry: pay $13.99');
  await expect(pay).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(page, 'kbd-dropped.org')).toContainText('Pending');
  expect(await sandbox.domains('kbd-dropped.org')).toHaveLength(1);
  expect(await sandbox.balanceCents()).toBe(3000 - 1299 - 1399);
});
