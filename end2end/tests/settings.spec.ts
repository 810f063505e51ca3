/** A domain's settings (nameservers, the lock) and removing a domain from the account. */
import { type Page } from '@playwright/test';
import {
  test,
  expect,
  capture,
  keyTo,
  openDialog,
  overviewValue,
  row,
  rows,
  signIn,
  tabTo,
} from './support';

/** Opens a domain from the table, by its link. */
async function openDomain(page: Page, asciiName: string, shown = asciiName): Promise<void> {
  await row(page, asciiName).getByRole('link', { name: shown }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(shown);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
}

test('settings: change the nameservers (the diff is shown), unlock with its confirmation; a reload shows them kept', async ({
  page,
  sandbox,
}) => {
  await signIn(page, { remember: true });
  await openDomain(page, 'example.com');
  await expect(overviewValue(page, 'Registrar lock')).toHaveText('Locked');
  await expect(overviewValue(page, 'Registrar')).toHaveText('VPS.org');
  await capture(page, 'domain-settings');

  const lock = page.getByRole('switch', { name: /Registrar lock/ });
  await expect(lock).toBeChecked();
  await lock.uncheck();
  await page.getByRole('radio', { name: 'Custom nameservers' }).check();
  const first = page.locator('#settings-ns-0');
  await first.fill('NS1.Example.NET.');
  await expect(page.getByText('Saved as ns1.example.net')).toBeVisible();
  await page.locator('#settings-ns-1').fill('ns2.example.net');
  await expect(first).toHaveValue('ns1.example.net');

  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: 'Review changes' })).toBeVisible();
  const diff = dialog.locator('table.diff tbody tr');
  await expect(diff).toHaveCount(2);
  await expect(diff.filter({ hasText: 'Registrar lock' })).toContainText(/Locked\s*Unlocked/);
  await expect(diff.filter({ hasText: 'Nameservers' }).locator('.diff__before')).toHaveText('ns1.vps.org, ns2.vps.org');
  await expect(diff.filter({ hasText: 'Nameservers' }).locator('.diff__after')).toHaveText(
    'ns1.example.net, ns2.example.net',
  );
  await expect(dialog).toContainText('Unlocking lets anyone with the auth code transfer example.com');
  await capture(page, 'settings-diff');

  // "Keep editing" changes nothing; then save for real.
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await sandbox.domain(101)).locked).toBe(true);
  await page.getByRole('button', { name: 'Review changes' }).click();
  await dialog.getByTestId('confirm-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toast--success')).toContainText(
    'Domain settings updated successfully. Nameserver changes may take up to 24 hours to propagate.',
  );
  await expect(overviewValue(page, 'Registrar lock')).toHaveText('Unlocked');
  await expect(overviewValue(page, 'Nameservers')).toHaveText('ns1.example.net, ns2.example.net');
  await expect(overviewValue(page, 'DNS')).toContainText('External nameservers');
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeDisabled();

  const saved = await sandbox.domain(101);
  expect(saved.locked).toBe(false);
  expect(saved.nameservers).toEqual(['ns1.example.net', 'ns2.example.net']);
  expect(saved.dns_managed_by).toBe('external');

  await page.reload();
  await expect(page.locator('.sign-in')).toHaveCount(0);
  await expect(overviewValue(page, 'Registrar lock')).toHaveText('Unlocked');
  await expect(lock).not.toBeChecked();
  await expect(page.getByRole('radio', { name: 'Custom nameservers' })).toBeChecked();
  await expect(page.locator('#settings-ns-0')).toHaveValue('ns1.example.net');
  await expect(page.locator('#settings-ns-1')).toHaveValue('ns2.example.net');

  // Lock it again: the confirmation shows the change, without the unlocking warning.
  await lock.check();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(diff).toHaveCount(1);
  await expect(diff).toContainText(/Unlocked\s*Locked/);
  await expect(dialog).not.toContainText('Unlocking lets anyone');
  await dialog.getByTestId('confirm-save').click();
  await expect(overviewValue(page, 'Registrar lock')).toHaveText('Locked');
  await page.reload();
  await expect(overviewValue(page, 'Registrar lock')).toHaveText('Locked');
  await expect(lock).toBeChecked();
  expect((await sandbox.domain(101)).locked).toBe(true);
});

test('a domain held at another registrar is read-only here and offers a transfer', async ({ page }) => {
  await signIn(page);
  await row(page, 'legacy-shop.com').getByRole('link').click();
  await expect(page.getByText('This domain is registered at GoDaddy')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Transfer to VPS.org' })).toBeVisible();
  await capture(page, 'domain-held-elsewhere');
});

test('remove from the account with the typed confirmation; registering it again is refused with the provider’s reason', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await openDomain(page, 'myapp.io');
  await page.getByRole('button', { name: 'Remove from account…' }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: 'Remove myapp.io from this account?' })).toBeVisible();
  await expect(dialog).toContainText('This does not cancel the registration.');
  const remove = dialog.getByRole('button', { name: 'Remove from account' });
  await expect(remove).toBeDisabled();
  await dialog.locator('#confirm-name').fill('myapp.com');
  await expect(remove).toBeDisabled();
  await dialog.locator('#confirm-name').fill('myapp.io');
  await expect(remove).toBeEnabled();
  await capture(page, 'remove-dialog');
  await remove.click();

  await expect(page).toHaveURL(/\/domains$/);
  await expect(page.locator('.toast--success')).toContainText(
    'myapp.io was removed from this account. Its registration continues.',
  );
  await expect(rows(page)).toHaveCount(8);
  await expect(row(page, 'myapp.io')).toHaveCount(0);
  expect(await sandbox.domains('myapp.io')).toEqual([]);

  // The name stays registered: nobody can register it, this account included, and it costs nothing.
  await page.getByRole('link', { name: 'Register a domain' }).click();
  await page.locator('#domain-name').fill('myapp.io');
  await page.getByRole('button', { name: 'Review and pay $39.99' }).click();
  await openDialog(page).getByTestId('confirm-register').click();
  await expect(page.locator('#domain-name-message')).toHaveText('This domain is already registered.');
  await capture(page, 'register-taken');
  expect(await sandbox.balanceCents()).toBe(10_000);
  expect(await sandbox.domains('myapp.io')).toEqual([]);
});

test('keyboard only: change settings with the review, then remove a domain', async ({ page, sandbox }) => {
  await signIn(page);
  await keyTo(page, row(page, 'side-hustle.co').getByRole('link'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('side-hustle.co');

  // Auto-renew on (a Space on the switch), custom nameservers (arrow keys in the radio group).
  await tabTo(page, page.getByRole('switch', { name: /Auto-renew/ }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('switch', { name: /Auto-renew/ })).toBeChecked();
  await tabTo(page, page.getByRole('radio', { name: 'VPS.org nameservers' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Custom nameservers' })).toBeChecked();
  await tabTo(page, page.locator('#settings-ns-0'));
  await page.keyboard.type('ns1.keyboard.example');
  await tabTo(page, page.locator('#settings-ns-1'));
  await page.keyboard.type('ns2.keyboard.example');
  await keyTo(page, page.getByRole('button', { name: 'Review changes' }));
  const dialog = openDialog(page);
  await expect(dialog.locator('table.diff tbody tr')).toHaveCount(2);
  await keyTo(page, dialog.getByTestId('confirm-save'));
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toast--success')).toContainText('Domain settings updated successfully.');
  const saved = await sandbox.domain(105);
  expect(saved.auto_renew).toBe(true);
  expect(saved.nameservers).toEqual(['ns1.keyboard.example', 'ns2.keyboard.example']);

  await keyTo(page, page.getByRole('button', { name: 'Remove from account…' }));
  await expect(dialog.locator('#confirm-name')).toBeFocused();
  await page.keyboard.type('side-hustle.co');
  await keyTo(page, dialog.getByRole('button', { name: 'Remove from account' }));
  await expect(page).toHaveURL(/\/domains$/);
  await expect(rows(page)).toHaveCount(8);
  await expect(row(page, 'side-hustle.co')).toHaveCount(0);
  expect(await sandbox.domains('side-hustle')).toEqual([]);
});
