/**
 * The main flows once in Finnish: a browser whose first language is Finnish gets the app in
 * Finnish from the first paint; sign-in, registering with the calculator, a settings change with
 * its review, a transfer with its checklist. Money as Intl writes it in Finnish ("12,99 $", a
 * no-break space before the sign), plurals, `<html lang>`, axe-core in Finnish; and the switch,
 * which keeps the page, what was typed and the scroll, and is remembered.
 */
import { type Page } from '@playwright/test';
import { test, expect, capture, DEMO, LEGACY_AUTH_CODE, openDialog, overviewValue, row, SEED } from './support';

test.use({ locale: 'fi-FI' });

/** Intl's Finnish amount: `44,97 $` with a no-break space. */
const finnishMoney = (amount: string) => `${amount}\u00a0$`;

async function signInInFinnish(page: Page, where = '/domains'): Promise<void> {
  await page.goto(where);
  const layer = page.locator('.sign-in');
  await expect(layer.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  await layer.getByLabel('API-avain', { exact: true }).fill(DEMO);
  await layer.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(layer).toBeHidden();
}

test('a Finnish browser gets Finnish from the first paint: the shell, the sign-in, the table', async ({ page }) => {
  await page.goto('/domains');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  // The shell and the app both: the title, the sign-in layer, then the table behind it.
  await expect(page).toHaveTitle('Verkkotunnukset · VPS.org-hallinta');
  await expect(page.getByRole('combobox', { name: 'Kieli' }).first()).toHaveValue('fi');
  await capture(page, 'fi-sign-in');
  // A wrong token: the app's own words in Finnish, around the API's own words.
  await page.locator('.sign-in').getByLabel('API-avain', { exact: true }).fill('wrong-token');
  await page.locator('.sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await expect(page.locator('.sign-in [role=alert]')).toContainText('API ei hyväksynyt tätä API-avainta');
  await page.locator('.sign-in').getByLabel('API-avain', { exact: true }).fill(DEMO);
  await page.locator('.sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();

  await expect(page.getByRole('heading', { name: 'Verkkotunnukset', level: 1 })).toBeVisible();
  // Nine domains: the plural, with its partitive.
  await expect(page.locator('.page__subtitle')).toHaveText('9 verkkotunnusta');
  await expect(row(page, SEED[101]).locator('.badge')).toHaveText(/Aktiivinen/);
  // Dates and day counts by Intl: "2.12.2028", "730 päivän päästä".
  await expect(row(page, SEED[101])).toContainText(/\d{1,2}\.\d{1,2}\.\d{4}/);
  await expect(row(page, SEED[101])).toContainText(/\d+ päivän päästä/);
  await capture(page, 'fi-domains');
});

test('registering in Finnish: the calculator in Finnish money, the plural years, the confirmation', async ({
  page,
  sandbox,
}) => {
  await signInInFinnish(page);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Rekisteröi' }).click();
  await expect(page.getByRole('heading', { name: 'Rekisteröi verkkotunnus' })).toBeVisible();
  await expect(page).toHaveTitle('Rekisteröi verkkotunnus · VPS.org-hallinta');

  await page.locator('#domain-name').fill('uusi-idea.dev');
  await expect(page.locator('#years option[value="1"]')).toHaveText('1 vuosi');
  await expect(page.locator('#years option[value="3"]')).toHaveText('3 vuotta');
  await page.locator('#years').selectOption('3');
  await expect(page.getByTestId('quote-total')).toHaveText(finnishMoney('44,97'));
  // A bad name: the app's own check, in Finnish.
  await page.locator('#domain-name').fill('uusi idea.dev');
  await expect(page.locator('#domain-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.register')).toContainText('välilyönti');
  await page.locator('#domain-name').fill('uusi-idea.dev');
  await capture(page, 'fi-register-quote');

  await page.getByRole('button', { name: `Tarkista ja maksa ${finnishMoney('44,97')}` }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: 'Vahvista rekisteröinti' })).toBeVisible();
  await expect(dialog).toContainText('Rekisteröidään uusi-idea.dev 3 vuodeksi.');
  await capture(page, 'fi-register-confirm');
  await dialog.getByRole('button', { name: `Maksa ${finnishMoney('44,97')} ja rekisteröi` }).click();
  await expect(dialog).toBeHidden();
  expect(await sandbox.balanceCents()).toBe(10_000 - 4_497);
});

test('a settings change in Finnish: the before and after, its consequence, then saved', async ({ page, sandbox }) => {
  await signInInFinnish(page, '/domains/101');
  await expect(page.getByRole('heading', { name: 'example.com' })).toBeVisible();
  await page.getByRole('switch', { name: 'Automaattinen uusinta' }).click();
  await page.getByRole('button', { name: 'Tarkista muutokset' }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: 'Tarkista muutokset' })).toBeVisible();
  await expect(dialog).toContainText('Automaattinen uusinta');
  await expect(dialog).toContainText('vanhenee');
  await capture(page, 'fi-settings-diff');
  await dialog.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(dialog).toBeHidden();
  await expect(overviewValue(page, 'Automaattinen uusinta')).toHaveText('Pois');
  const [saved] = (await sandbox.domains('example.com')) as Array<{ auto_renew?: boolean }>;
  expect(saved.auto_renew).toBe(false);
});

test('a transfer in Finnish: the checklist, the fee in Finnish money, the provider’s next steps', async ({ page }) => {
  await signInInFinnish(page, '/domains/106/transfer');
  await expect(page.getByRole('heading', { name: 'Ennen maksua' })).toBeVisible();
  await expect(page.getByText('Rekisteröity toisella välittäjällä')).toBeVisible();
  await page.getByLabel('Siirtokoodi (EPP-koodi)').fill(LEGACY_AUTH_CODE);
  await capture(page, 'fi-transfer-checklist');
  await page.getByRole('button', { name: `Tarkista siirto (${finnishMoney('12,99')})` }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: 'Vahvista siirto' })).toBeVisible();
  await dialog.getByTestId('confirm-transfer').click();
  await expect(page.getByRole('heading', { name: 'Seuraavat vaiheet' })).toBeVisible();
  // The provider's steps as it sent them, marked as its words.
  await expect(page.getByText('Palveluntarjoajan sanoin')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Check email/ })).toBeVisible();
  await capture(page, 'fi-transfer-next-steps');
});

test('the switch changes the words in place, keeps the form and the scroll, and is remembered', async ({ page }) => {
  await signInInFinnish(page);
  await page.getByRole('link', { name: 'Rekisteröi', exact: true }).click();
  await page.locator('#domain-name').fill('vaihto-testi.com');
  await page.locator('#years').selectOption('2');
  await page.setViewportSize({ width: 375, height: 600 });
  await page.evaluate(() => window.scrollTo(0, 400));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(300);

  await page.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Register a domain' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Register a domain · VPS.org admin');
  await expect(page.locator('#domain-name')).toHaveValue('vaihto-testi.com');
  await expect(page.locator('#years')).toHaveValue('2');
  await expect(page.getByTestId('quote-total')).toHaveText('$25.98');
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(80);

  // Remembered over the browser's Finnish: a reload comes back in English.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.sign-in').getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.locator('.sign-in').getByRole('combobox', { name: 'Language' }).selectOption('fi');
  await expect(page.locator('.sign-in').getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('vps-admin.language'))).toBe('fi');
});
