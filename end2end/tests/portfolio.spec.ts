/**
 * The portfolio remembered (kept in the browser, per account): tags, owner and note on a domain
 * page and in bulk, the tag filter and saved views in the URL, what changed here and elsewhere
 * with its badge and warnings, a policy fixed in one go through the bulk review, the memory's
 * export and import (and the files it refuses), and two tabs that agree.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { test, expect, capture, DEMO, openDialog, row, rows, shownNames, signIn, signInOnLayer } from './support';

/** A change made through the API directly, as another tool or device would. */
async function changeElsewhere(request: APIRequestContext, id: number, body: Record<string, unknown>): Promise<void> {
  const answer = await request.put(`/api/v1/domains/${id}/`, { headers: { Authorization: `Bearer ${DEMO}` }, data: body });
  expect(answer.status(), `PUT ${id}`).toBe(200);
}

/** Opens a domain's page from the table and saves its tags (and owner). */
async function keep(page: Page, id: number, { tags, owner = '', note = '' }: { tags: string; owner?: string; note?: string }) {
  await page.goto(`/domains/${id}`);
  const form = page.locator('.kept-form');
  await form.getByLabel('Tags').fill(tags);
  await form.getByLabel('Owner (client)').fill(owner);
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
}

function selectionBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Selection' });
}

/** Waits for the portfolio's memory to be read (the tag filter appears once there are tags). */
async function memoryRead(page: Page): Promise<void> {
  await expect(page.locator('.portfolio-filters')).toBeVisible();
}

test('tags by page and by bulk, a tag filter, a note found by search, a saved view reopened by URL after a reload', async ({
  page,
}) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await keep(page, 101, { tags: 'client-a, keep', owner: 'Acme Ltd', note: 'Main site: renew before launch' });

  // Bad input is said, and what was typed stays.
  const form = page.locator('.kept-form');
  await form.getByLabel('Tags').fill('x'.repeat(40));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('#kept-tags-problem')).toHaveText('That is more than the 32 allowed.');
  await expect(form.getByLabel('Tags')).toHaveValue('x'.repeat(40));
  await capture(page, 'portfolio-domain-kept');
  await form.getByLabel('Tags').fill('client-a, keep');
  await form.getByRole('button', { name: 'Save' }).click();

  await keep(page, 105, { tags: 'client-a' });

  // The third by bulk, through the review.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await memoryRead(page);
  await row(page, 'myapp.io').getByRole('checkbox').check();
  await row(page, 'example.com').getByRole('checkbox').check();
  await selectionBar(page).getByRole('button', { name: /^Change 2 domains…$/ }).click();
  const dialog = openDialog(page);
  await dialog.getByRole('radio', { name: 'Add a tag', exact: true }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.locator('#bulk-tag-problem')).toHaveText('This can’t be empty.');
  await dialog.getByRole('textbox', { name: 'Tag' }).fill('client-a');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByRole('heading', { name: /^Review: / })).toBeVisible();
  await expect(dialog.locator('table.diff tbody th')).toHaveText(['myapp.io']);
  await expect(dialog).toContainText('Already Tagged');
  await dialog.getByRole('button', { name: /^Apply to 1 domain/ }).click();
  await expect(dialog.locator('.batch__item')).toContainText('Done (kept in this browser)');
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // Chips on the rows; a chip is a link to its tag's domains.
  await expect(row(page, 'myapp.io').locator('.chip', { hasText: 'client-a' })).toBeVisible();
  await row(page, 'example.com').locator('.chip', { hasText: 'client-a' }).click();
  await expect(page).toHaveURL(/\/domains\?tag=client-a$/);
  await expect.poll(() => shownNames(page)).toEqual(['example.com', 'myapp.io', 'side-hustle.co']);

  // The tag filter, with the status filter.
  await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Active/ }).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByLabel('Tag', { exact: true })).toHaveValue('client-a');

  // Saved, then reopened from its link after a reload.
  await page.locator('.views > summary').click();
  await page.getByLabel('Save this view as').fill('Client A, active');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.locator('.views__list a')).toHaveText(['Client A, active']);
  await capture(page, 'portfolio-views-menu', { viewportOnly: true });
  await page.goto('/domains');
  await expect(rows(page)).toHaveCount(9);
  await page.reload();
  await memoryRead(page);
  await page.locator('.views > summary').click();
  await page.getByRole('link', { name: 'Client A, active' }).click();
  await expect(page).toHaveURL(/tag=client-a/);
  await expect.poll(() => shownNames(page)).toEqual(['example.com', 'myapp.io', 'side-hustle.co']);

  // A note and an owner are found by the search.
  await page.goto('/domains');
  await page.locator('#domain-search').fill('renew before');
  await expect.poll(() => shownNames(page)).toEqual(['example.com']);
  await page.locator('#domain-search').fill('acme');
  await expect.poll(() => shownNames(page)).toEqual(['example.com']);
});

test('what changed: elsewhere with warnings, here as our own, the badge, a domain’s own history', async ({
  page,
  request,
}) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await memoryRead(page);

  await changeElsewhere(request, 101, { nameservers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'], locked: false });

  // Our own: auto-renew on for side-hustle.co through the bulk dialog.
  await row(page, 'side-hustle.co').getByRole('checkbox').check();
  await selectionBar(page).getByRole('button', { name: /^Change 1 domain…$/ }).click();
  const dialog = openDialog(page);
  await dialog.getByRole('radio', { name: 'Turn auto-renew on', exact: true }).check();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('button', { name: /^Apply to 1 domain/ }).click();
  await expect(dialog.locator('.batch__item')).toHaveCount(1);
  await expect(dialog.locator('.batch__item .batch__state--done, .batch__item')).toContainText(/./);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  await page.getByRole('button', { name: '↻ Refresh' }).click();
  const badge = page.getByRole('navigation', { name: 'Main' }).locator('.badge');
  await expect(badge).toHaveText(/^3/);
  await capture(page, 'portfolio-badge', { viewportOnly: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Changes/ }).click();
  const entries = page.locator('.change');
  await expect(entries).toHaveCount(3);
  const warnings = page.locator('.change--warning');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.filter({ hasText: 'Registrar lock: Locked → Unlocked' })).toContainText('Changed elsewhere');
  await expect(warnings.filter({ hasText: 'ns1.elsewhere.example' })).toContainText('Changed elsewhere');
  const own = entries.filter({ hasText: 'Auto-renew: Off → On' });
  await expect(own).toContainText('Changed here');
  await expect(own).toContainText('side-hustle.co');
  await expect(badge).toHaveCount(0);
  await capture(page, 'portfolio-changes');

  // Filtered by kind, in the URL.
  await page.getByLabel('Change', { exact: true }).selectOption('lock');
  await expect(page).toHaveURL(/kind=lock/);
  await expect(entries).toHaveCount(1);

  // The domain's page shows its own.
  await page.getByLabel('Change', { exact: true }).selectOption('');
  await page.locator('.change__domain a', { hasText: 'example.com' }).first().click();
  await expect(page).toHaveURL(/\/domains\/101$/);
  await expect(page.locator('.change')).toHaveCount(2);
  await expect(page.locator('.change').first()).toContainText('Changed elsewhere');
});

test('a policy: the breaking domains by rule, fixed in one go, checked in the sandbox', async ({ page, sandbox }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await keep(page, 109, { tags: 'parked' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByText('No rules set yet.')).toBeVisible();

  await page.getByRole('checkbox', { name: /Registrar lock on/ }).check();
  await page.getByRole('checkbox', { name: /WHOIS privacy on/ }).check();
  await page.getByLabel('Exempt tag').fill('parked');
  await page.getByLabel('Nameservers one of these sets').fill('ns1.vps.org, ns2');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Line 1: a set needs 2 to 4 valid host names.')).toBeVisible();
  await expect(page.getByLabel('Nameservers one of these sets')).toHaveValue('ns1.vps.org, ns2');
  await page.getByLabel('Nameservers one of these sets').fill('');
  await page.getByRole('button', { name: 'Save policy' }).click();

  const privacy = page.locator('.breach', { has: page.getByRole('heading', { name: /^WHOIS privacy on:/ }) });
  await expect(privacy.getByRole('heading')).toHaveText(/: 4 domains break it$/);
  await expect(privacy.getByRole('link')).toHaveText(['brand-new.org', 'legacy-shop.com', 'locked-elsewhere.net', 'myapp.io']);
  await capture(page, 'portfolio-policy');

  await privacy.getByRole('button', { name: 'Fix 4 domains' }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('heading', { name: /^Review: / })).toBeVisible();
  await expect(dialog.locator('table.diff tbody th')).toHaveText(['myapp.io']);
  await expect(dialog).toContainText('Registered at GoDaddy');
  await dialog.getByRole('button', { name: /^Apply to 1 domain/ }).click();
  await expect(dialog.getByText(/1 done/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  expect((await sandbox.domain(102)).privacy_protection).toBe(true);
  // The review read the registrars: the three held elsewhere are not kept here, so the rule
  // has no breach left.
  await expect(privacy).toHaveCount(0);
});

test('export, clear the storage, import: everything back; a broken and a foreign file refused', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await keep(page, 102, { tags: 'client-b', owner: 'Bee Oy' });
  await page.goto('/portfolio');
  await page.getByRole('checkbox', { name: /Auto-renew on/ }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export portfolio' }).click()]);
  const exported = fs.readFileSync((await download.path()) ?? '', 'utf8');
  const file = JSON.parse(exported);
  expect(file.kind).toBe('vps-admin-portfolio');
  expect(file.schema).toBe(1);
  expect(exported.includes(DEMO), 'the export holds no token').toBe(false);
  expect(file.portfolio.notes['myapp.io']).toEqual({ tags: ['client-b'], owner: 'Bee Oy' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-'));
  const write = (name: string, text: string) => {
    const where = path.join(dir, name);
    fs.writeFileSync(where, text);
    return where;
  };
  const good = write('good.json', exported);
  const broken = write('broken.json', exported.slice(0, 40));
  const foreign = write('foreign.json', JSON.stringify({ ...file, account: 'http://elsewhere.example#0123456789abcdef' }));
  const future = write('future.json', JSON.stringify({ ...file, schema: 2 }));

  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /Auto-renew on/ })).not.toBeChecked();

  const input = page.locator('#backup-file');
  const stored = () => page.evaluate(() => JSON.stringify(Object.entries(window.localStorage).sort()));
  const before = await stored();
  for (const [refused, says] of [
    [broken, 'The file is not JSON.'],
    [foreign, 'The file belongs to another account'],
    [future, 'schema version 2'],
  ]) {
    await input.setInputFiles(refused);
    await expect(page.getByRole('alert').filter({ hasText: 'Not imported: nothing was changed.' })).toContainText(says);
  }
  await capture(page, 'portfolio-import-refused');
  expect(await stored(), 'a refused import changes nothing kept').toBe(before);

  await input.setInputFiles(good);
  await expect(page.getByText('This import will change:')).toBeVisible();
  await expect(page.getByText('Tags and notes: 1 new, 0 replaced')).toBeVisible();
  await expect(page.getByText('The policy is replaced')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Auto-renew on/ })).toBeChecked();
  await page.goto('/domains?tag=client-b');
  await expect.poll(() => shownNames(page)).toEqual(['myapp.io']);
});

test('two tabs agree: a tag saved in one shows in the other', async ({ page, context, extraPages }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await memoryRead(page);
  const other = await context.newPage();
  extraPages.push(other);
  await other.goto('/domains');
  await signInOnLayer(other, { remember: true });
  await expect(rows(other)).toHaveCount(9);
  await memoryRead(other);

  await keep(page, 104, { tags: 'retired' });
  await expect(row(other, 'old-project.net').locator('.chip', { hasText: 'retired' })).toBeVisible();
  await other.goto('/domains/104');
  await expect(other.locator('.kept-form').getByLabel('Tags')).toHaveValue('retired');
});
