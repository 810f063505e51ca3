/** Transferring a domain in: the checklist, the payment, the next steps, and completion. */
import { type Page } from '@playwright/test';
import {
  test,
  expect,
  LEGACY_AUTH_CODE,
  capture,
  keyTo,
  openDialog,
  row,
  signIn,
  tabTo,
} from './support';

/** From the table to a domain's transfer page, by links. */
async function openTransfer(page: Page, asciiName: string): Promise<void> {
  await row(page, asciiName).getByRole('link').click();
  await page.getByRole('link', { name: 'Transfer to VPS.org' }).click();
  await expect(page.getByRole('heading', { name: `Transfer ${asciiName} to VPS.org` })).toBeVisible();
}

function check(page: Page, title: string) {
  return page.locator('.checklist li', { hasText: title });
}

test('transfer legacy-shop.com with the seed’s auth code: checklist, next steps that survive a reload, completion', async ({
  page,
  sandbox,
}) => {
  await signIn(page, { remember: true });
  await openTransfer(page, 'legacy-shop.com');
  await expect(page.getByText('Currently registered at GoDaddy.')).toBeVisible();

  // The checklist: what the app can check is checked; the code is still to come.
  await expect(check(page, 'Registered at another registrar')).toHaveClass(/check-item--passed/);
  await expect(check(page, 'Unlocked at the current registrar')).toHaveClass(/check-item--passed/);
  await expect(check(page, 'At least 60 days old')).toHaveClass(/check-item--passed/);
  await expect(check(page, 'A valid auth (EPP) code')).toHaveClass(/check-item--waiting/);
  const reviewButton = page.getByRole('button', { name: 'Review transfer ($12.99)' });
  await expect(reviewButton).toBeDisabled();
  await capture(page, 'transfer-checklist');

  await page.locator('#auth-code').fill(LEGACY_AUTH_CODE);
  await expect(check(page, 'A valid auth (EPP) code')).toHaveClass(/check-item--passed/);
  await reviewButton.click();
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Transfer legacy-shop.com from GoDaddy to VPS.org.');
  await expect(dialog.locator('dd.strong')).toHaveText('$12.99');
  await capture(page, 'transfer-confirm');
  await dialog.getByTestId('confirm-transfer').click();

  // The provider's next steps, as a checklist, and the status.
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  const steps = page.locator('ol.steps input[type=checkbox]');
  await expect(steps).toHaveCount(4);
  await expect(page.locator('.progress-line')).toContainText('Pending');
  await expect(page.locator('.progress-line')).toContainText('Expected to complete by');
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);
  expect((await sandbox.domain(106)).transfer_status).toBe('pending');
  await capture(page, 'transfer-next-steps');

  await steps.nth(0).check();
  await steps.nth(2).check();
  // The ticks are kept on this device; the auth code is never kept anywhere.
  const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
  expect(stored).not.toContain(LEGACY_AUTH_CODE);

  await page.reload();
  await expect(page.locator('.sign-in')).toHaveCount(0);
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toBeChecked();
  await expect(steps.nth(1)).not.toBeChecked();
  await expect(steps.nth(2)).toBeChecked();
  await expect(steps.nth(3)).not.toBeChecked();

  // The transfer delay passes on the sandbox's clock: the page sees it complete by itself.
  await sandbox.advanceClock(601);
  await expect(page.getByText('The transfer is complete')).toBeVisible({ timeout: 40_000 });
  await capture(page, 'transfer-complete');
  const moved = await sandbox.domain(106);
  expect(moved.registrar).toBe('VPS.org');
  expect(moved.transfer_status).toBe('completed');
  expect(moved.locked).toBe(true);
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);

  // Its settings can now be changed here.
  await page.getByRole('link', { name: 'Open its settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText('registered at GoDaddy')).toHaveCount(0);
});

test('locked-elsewhere.net and brand-new.org say why they cannot move; a wrong auth code is refused at no cost', async ({
  page,
  sandbox,
}) => {
  await signIn(page);
  await openTransfer(page, 'locked-elsewhere.net');
  await expect(check(page, 'Unlocked at the current registrar')).toHaveClass(/check-item--failed/);
  await expect(check(page, 'Unlocked at the current registrar')).toContainText(
    'It is locked. Turn off the registrar lock at Namecheap',
  );
  await page.locator('#auth-code').fill('anything');
  await expect(page.getByRole('button', { name: /Review transfer/ })).toBeDisabled();
  await capture(page, 'transfer-locked');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await openTransfer(page, 'brand-new.org');
  const age = check(page, 'At least 60 days old');
  await expect(age).toHaveClass(/check-item--failed/);
  await expect(age).toContainText('registries refuse transfers for 60 days');
  // 60 × 24 h from its registration second: 50 days until the clock's minute passes that second.
  await expect(age).toContainText(/It can move from \d{1,2} \w{3} \d{4} \(in (49|50) days\)/);
  await expect(page.getByRole('button', { name: /Review transfer/ })).toBeDisabled();
  await capture(page, 'transfer-too-young');

  // legacy-shop.com with a wrong code: the provider's reason at the field, nothing charged.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await openTransfer(page, 'legacy-shop.com');
  await page.locator('#auth-code').fill('wrong-code');
  await page.getByRole('button', { name: 'Review transfer ($12.99)' }).click();
  await openDialog(page).getByTestId('confirm-transfer').click();
  await expect(openDialog(page)).toHaveCount(0);
  await expect(page.locator('#auth-code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#auth-code-message')).not.toBeEmpty();
  await capture(page, 'transfer-wrong-code');
  expect(await sandbox.balanceCents()).toBe(10_000);
  expect((await sandbox.domain(106)).transfer_status ?? null).toBeNull();

  // Corrected, it goes through.
  await page.locator('#auth-code').fill(LEGACY_AUTH_CODE);
  await expect(page.locator('#auth-code')).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Review transfer ($12.99)' }).click();
  await openDialog(page).getByTestId('confirm-transfer').click();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);
});

test('keyboard only: transfer legacy-shop.com and tick its next steps', async ({ page, sandbox }) => {
  await signIn(page);
  await keyTo(page, row(page, 'legacy-shop.com').getByRole('link'));
  await keyTo(page, page.getByRole('link', { name: 'Transfer to VPS.org' }));
  await expect(page.getByRole('heading', { name: 'Transfer legacy-shop.com to VPS.org' })).toBeVisible();
  await tabTo(page, page.locator('#auth-code'));
  await page.keyboard.type(LEGACY_AUTH_CODE);
  // "Show" reveals what was typed, and hides it again.
  await keyTo(page, page.getByRole('button', { name: 'Show' }));
  await expect(page.locator('#auth-code')).toHaveAttribute('type', 'text');
  await page.keyboard.press('Enter');
  await expect(page.locator('#auth-code')).toHaveAttribute('type', 'password');
  await keyTo(page, page.getByRole('button', { name: 'Review transfer ($12.99)' }));
  const dialog = openDialog(page);
  await keyTo(page, dialog.getByTestId('confirm-transfer'));
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  const first = page.locator('ol.steps input[type=checkbox]').first();
  await tabTo(page, first);
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  expect(await sandbox.balanceCents()).toBe(10_000 - 1299);
  await sandbox.advanceClock(601);
  await expect(page.getByText('The transfer is complete')).toBeVisible({ timeout: 40_000 });
  await keyTo(page, page.getByRole('link', { name: 'Open its settings' }), 'Enter', { backwards: true });
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});
