/** Signing in, the domain table (filter, search, sort, the view in the URL), and isolation. */
import {
  test,
  expect,
  DEMO,
  OTHER,
  SEED_NAMES,
  capture,
  keyTo,
  row,
  rows,
  shownNames,
  signIn,
  signInOnLayer,
  tabTo,
} from './support';

const BY_NAME = [
  'brand-new.org',
  'xn--caf-dma.app',
  'example.com',
  'legacy-shop.com',
  'locked-elsewhere.net',
  'myapp.io',
  'mynewstartup.dev',
  'old-project.net',
  'side-hustle.co',
];

test('signing in with the demo token shows the seed’s domains', async ({ page }) => {
  await page.goto('/domains');
  const layer = page.locator('.sign-in');
  await expect(layer.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(layer.locator('#api-base')).toHaveValue(/\/api\/v1\/$/);
  await expect(layer.locator('#api-token')).toBeFocused();
  await capture(page, 'sign-in');

  // A wrong token is refused with the API's reason, and nothing behind the layer is reachable.
  await layer.locator('#api-token').fill('not-a-token');
  await layer.getByRole('button', { name: 'Sign in' }).click();
  await expect(layer.getByRole('alert').filter({ hasText: 'refused this token' })).toContainText('Invalid token.');
  await expect(page.locator('.app')).toHaveAttribute('inert', '');
  await capture(page, 'sign-in-error');

  await signInOnLayer(page);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  await expect.poll(() => shownNames(page)).toEqual(BY_NAME);
  await expect(page.getByRole('heading', { name: 'Domains', level: 1 })).toBeVisible();
  await expect(page.getByText('9 domains')).toBeVisible();

  // The IDN reads as people write it; each state shows as a word.
  await expect(row(page, 'xn--caf-dma.app').getByRole('link')).toHaveText('café.app');
  await expect(row(page, 'mynewstartup.dev')).toContainText('Pending');
  await expect(row(page, 'old-project.net')).toContainText('Expired');
  await expect(row(page, 'example.com')).toContainText('Active');

  // The risks above the table count the seed's cases.
  await expect(page.locator('[data-risk=expiring] .risk__count')).toHaveText('1');
  await expect(page.locator('[data-risk=expired] .risk__count')).toHaveText('1');
  await expect(page.locator('[data-risk=unlocked] .risk__count')).toHaveText('3');
  await capture(page, 'domains');
});

test('filter, search and sort; a reload and the back button keep the view', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  const filters = page.getByRole('navigation', { name: 'Filter by status' });

  await filters.getByRole('link', { name: /Expired/ }).click();
  await expect(page).toHaveURL(/\/domains\?status=expired$/);
  await expect.poll(() => shownNames(page)).toEqual(['old-project.net']);

  await filters.getByRole('link', { name: /Pending/ }).click();
  await expect(page).toHaveURL(/status=pending/);
  await expect.poll(() => shownNames(page)).toEqual(['mynewstartup.dev']);

  await filters.getByRole('link', { name: /Locked/ }).click();
  await expect(rows(page)).toHaveCount(6);
  await expect(filters.getByRole('link', { name: /Locked/ })).toHaveAttribute('aria-current', 'true');

  await page.locator('[data-risk=expiring]').click();
  await expect(page).toHaveURL(/risk=expiring/);
  await expect.poll(() => shownNames(page)).toEqual(['side-hustle.co']);
  await page.locator('[data-risk=unlocked]').click();
  await expect.poll(() => shownNames(page)).toEqual(['brand-new.org', 'legacy-shop.com', 'myapp.io']);
  await capture(page, 'domains-filtered');

  // Search: by the Unicode form and by part of a name; the URL follows after a pause.
  await filters.getByRole('link', { name: /All/ }).click();
  await expect(rows(page)).toHaveCount(9);
  await page.locator('#domain-search').fill('café');
  await expect(rows(page)).toHaveCount(1);
  await expect.poll(() => shownNames(page)).toEqual(['xn--caf-dma.app']);
  await expect(page).toHaveURL(/q=caf%C3%A9/);
  await page.locator('#domain-search').fill('nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No domains match “nothing-like-this”.' })).toBeVisible();
  await capture(page, 'domains-no-matches');
  await page.locator('#domain-search').fill('.net');
  await expect.poll(() => shownNames(page)).toEqual(['locked-elsewhere.net', 'old-project.net']);
  await expect(page).toHaveURL(/q=\.net/);
  await page.locator('#domain-search').fill('');
  await expect(rows(page)).toHaveCount(9);
  await expect(page).toHaveURL(/\/domains$/);

  // Sort: by expiry, then the other way; the header says which.
  const expiry = page.locator('[data-sort=expiry]');
  await expiry.click();
  await expect(page).toHaveURL(/sort=expiry/);
  await expect(page.locator('th', { has: expiry })).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => {
      const names = await shownNames(page);
      return [...names.slice(0, 3), names.at(-1)];
    })
    .toEqual(['old-project.net', 'side-hustle.co', 'legacy-shop.com', 'example.com']);
  await expiry.click();
  await expect(page).toHaveURL(/sort=expiry&dir=desc|dir=desc&sort=expiry/);
  await expect(page.locator('th', { has: expiry })).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(async () => {
      const names = await shownNames(page);
      return [names[0], names.at(-1)];
    })
    .toEqual(['example.com', 'old-project.net']);

  // Sort and filter together, then a reload: the same view from the URL alone.
  await filters.getByRole('link', { name: /Locked/ }).click();
  await expect(page).toHaveURL(/status=locked/);
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(async () => (await shownNames(page)).length).toBe(6);
  const lockedByExpiryDesc = await shownNames(page);
  expect(lockedByExpiryDesc[0]).toBe('example.com');
  const url = page.url();
  await page.reload();
  await expect(page.locator('.sign-in')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(6);
  expect(page.url()).toBe(url);
  await expect.poll(() => shownNames(page)).toEqual(lockedByExpiryDesc);
  await expect(filters.getByRole('link', { name: /Locked/ })).toHaveAttribute('aria-current', 'true');

  // Back: all domains by expiry, descending; back again: ascending; forward again.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=locked/);
  await expect(rows(page)).toHaveCount(9);
  await expect.poll(async () => (await shownNames(page))[0]).toBe('example.com');
  await page.goBack();
  await expect(page).not.toHaveURL(/dir=desc/);
  await expect(page.locator('th', { has: expiry })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await shownNames(page))[0]).toBe('old-project.net');
  await page.goForward();
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(async () => (await shownNames(page))[0]).toBe('example.com');
});

test('the other account sees none of the demo account’s domains', async ({ page, sandbox }) => {
  await signIn(page, { token: OTHER });
  await expect(rows(page)).toHaveCount(1);
  await expect.poll(() => shownNames(page)).toEqual(['other-account.com']);
  for (const name of SEED_NAMES) await expect(row(page, name)).toHaveCount(0);
  await page.locator('#domain-search').fill('example');
  await expect(page.getByRole('heading', { name: /No domains match/ })).toBeVisible();

  // A demo domain's address is "not found" for this account, never shown.
  await page.goto('/domains/101');
  await signInOnLayer(page, { token: OTHER });
  await expect(page.getByRole('heading', { name: 'Domain not found' })).toBeVisible();
  await expect(page.getByText('example.com')).toHaveCount(0);
  await capture(page, 'domain-not-found');

  // Signing out and in as the demo account shows only its domains: nothing carried over.
  await page.getByRole('link', { name: 'Back to your domains' }).click();
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInOnLayer(page, { token: DEMO });
  await expect(rows(page)).toHaveCount(9);
  await expect(row(page, 'other-account.com')).toHaveCount(0);
  expect((await sandbox.domains('', OTHER)).map((d) => d.domain_name)).toEqual(['other-account.com']);
});

test('an account with no domains says so and offers to register one', async ({ page, sandbox }) => {
  await signIn(page, { token: OTHER });
  await row(page, 'other-account.com').getByRole('link').click();
  await page.getByRole('button', { name: 'Remove from account…' }).click();
  await page.locator('#confirm-name').fill('other-account.com');
  await page.getByRole('button', { name: 'Remove from account', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No domains yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Register your first domain' })).toBeVisible();
  await capture(page, 'domains-empty');
  expect(await sandbox.domains('', OTHER)).toEqual([]);
  // The demo account is untouched.
  expect(await sandbox.domains()).toHaveLength(9);
});

test('an unknown address shows a page that leads back', async ({ page }) => {
  await signIn(page, { path: '/no/such/page' });
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await capture(page, 'page-not-found');
  await page.getByRole('link', { name: 'Go to your domains' }).click();
  await expect(rows(page)).toHaveCount(9);
});

test('keyboard only: sign in, filter, search, sort, open a domain, sign out and in as the other account', async ({
  page,
}) => {
  await page.goto('/domains');
  // The token field has the focus; Enter submits.
  await expect(page.locator('#api-token')).toBeFocused();
  await page.keyboard.type(DEMO);
  await page.keyboard.press('Enter');
  await expect(page.locator('.sign-in')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(9);

  const filters = page.getByRole('navigation', { name: 'Filter by status' });
  await keyTo(page, filters.getByRole('link', { name: /Expired/ }));
  await expect(page).toHaveURL(/status=expired/);
  await expect.poll(() => shownNames(page)).toEqual(['old-project.net']);
  await keyTo(page, filters.getByRole('link', { name: /All/ }), 'Enter', { backwards: true });
  await expect(rows(page)).toHaveCount(9);

  await keyTo(page, page.locator('[data-risk=expired]'), 'Enter', { backwards: true });
  await expect.poll(() => shownNames(page)).toEqual(['old-project.net']);
  await keyTo(page, page.locator('[data-risk=expired]'), 'Enter', { backwards: true });
  await expect(rows(page)).toHaveCount(9);

  await tabTo(page, page.locator('#domain-search'));
  await page.keyboard.type('shop');
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/q=shop/);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(rows(page)).toHaveCount(9);

  await keyTo(page, page.locator('[data-sort=name]'));
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(async () => (await shownNames(page))[0]).toBe('side-hustle.co');
  await keyTo(page, row(page, 'xn--caf-dma.app').getByRole('link'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('café.app');
  await expect(page.getByText('Punycode: xn--caf-dma.app')).toBeVisible();

  await keyTo(page, page.getByRole('button', { name: 'Sign out' }), 'Enter', { backwards: true });
  await expect(page.locator('#api-token')).toBeFocused();
  await page.keyboard.type(OTHER);
  await page.keyboard.press('Enter');
  await expect(page.locator('.sign-in')).toHaveCount(0);
  // Signed in as the other account on café.app's address: it is not found here.
  await expect(page.getByRole('heading', { name: 'Domain not found' })).toBeVisible();
  await keyTo(page, page.getByRole('link', { name: 'Back to your domains' }), 'Enter', { backwards: true });
  await expect.poll(() => shownNames(page)).toEqual(['other-account.com']);
});
