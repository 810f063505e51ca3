/**
 * The portfolio remembered, in the browser, per account: tags, owner and note on a domain page
 * and in bulk, chips and the tag and owner filters in the URL, notes found by the search, saved
 * views (reopened by URL after a reload, renamed, deleted), exports carrying them, a full
 * storage said plainly with nothing lost, and two tabs that agree.
 */
import * as fs from 'node:fs';
import { type Locator, type Page } from '@playwright/test';
import { test, expect, capture, DEMO, openDialog, row, rows, shownNames, signIn, signInOnLayer } from './support';

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

/** From the table, "Add a tag" chosen for myapp.io and example.com: the bulk dialog. */
async function addTagToTwo(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
  await memoryRead(page);
  await row(page, 'myapp.io').getByRole('checkbox').check();
  await row(page, 'example.com').getByRole('checkbox').check();
  await selectionBar(page).getByRole('button', { name: /^Change 2 domains…$/ }).click();
  const dialog = openDialog(page);
  await dialog.getByRole('radio', { name: 'Add a tag', exact: true }).check();
  return dialog;
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
  await expect(form.locator('#kept-tags-problem')).toHaveText('Too long: at most 32 characters.');
  await expect(form.getByLabel('Tags')).toHaveValue('x'.repeat(40));
  await capture(page, 'portfolio-domain-kept');
  await form.getByLabel('Tags').fill('client-a, keep');
  await form.getByRole('button', { name: 'Save' }).click();

  await keep(page, 105, { tags: 'client-a' });

  // The third by bulk, through the review.
  const dialog = await addTagToTwo(page);
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

test('a domain with the most tags is left out of a bulk tag, and told why', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  const twelve = Array.from({ length: 12 }, (_, index) => `t${index + 1}`).join(', ');
  await keep(page, 101, { tags: twelve });
  const dialog = await addTagToTwo(page);
  await dialog.getByRole('textbox', { name: 'Tag' }).fill('one-more');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.locator('table.diff tbody th')).toHaveText(['myapp.io']);
  await expect(dialog).toContainText('Has 12 tags already, the most a domain keeps: remove one first.');
});

test('tags, notes and views go out as one file and come back after the storage is cleared; a broken or foreign file changes nothing', async ({
  page,
}) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await keep(page, 101, { tags: 'client-a, keep', owner: 'Acme Ltd', note: 'Main site' });
  await keep(page, 105, { tags: 'client-a' });
  await page.goto('/domains?tag=client-a');
  await memoryRead(page);
  await page.locator('.views > summary').click();
  await page.getByLabel('Save this view as').fill('Client A');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.locator('.views__list a')).toHaveText(['Client A']);

  const backup = page.getByRole('region', { name: 'Tags, notes and views' });
  const downloading = page.waitForEvent('download');
  await backup.getByRole('button', { name: 'Export (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vps-admin-portfolio-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(exported);
  expect(file).toMatchObject({ kind: 'vps-admin-portfolio', schema: 1 });
  expect(file.portfolio.notes.map((note: { name: string }) => note.name)).toEqual(['example.com', 'side-hustle.co']);
  expect(JSON.stringify(file)).not.toContain(DEMO);

  // Bad files are refused, and nothing kept changes.
  const choose = (name: string, contents: string) =>
    page.locator('#backup-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
  await choose('notes.json', '{"kind": "vps-admin-portfolio", ');
  await expect(backup.getByRole('alert')).toHaveText(/^Not imported: this file is not JSON\./);
  const foreign = { ...file, account: 'https://api.example/api/v1/#0123456789abcdef' };
  foreign.portfolio = { notes: [{ name: 'myapp.io', tags: ['from-before'] }], views: [] };
  await choose('foreign.json', JSON.stringify(foreign));
  await expect(backup.getByRole('alert')).toHaveText(/^Not imported: this export is of another account/);
  await expect(row(page, 'myapp.io').locator('.chip')).toHaveCount(0);
  // Unless it is the person's own, from before a new API key: then it is previewed as any other.
  await backup.getByRole('button', { name: 'Import anyway' }).click();
  await expect(backup.getByRole('status')).toHaveText(
    'From this file: 1 new and 0 replaced domain notes, 0 new and 0 replaced views. Nothing else changes.',
  );
  await backup.getByRole('button', { name: 'Cancel' }).click();
  await expect(backup.getByRole('status')).toHaveCount(0);
  await choose('edited.json', JSON.stringify({ ...file, portfolio: { notes: [{ name: 'a.com', tags: ['one, two'] }] } }));
  await expect(backup.getByRole('alert')).toHaveText('Not imported: a.com: A tag can’t contain a comma: commas separate tags.');
  await expect(page.locator('.views__list a')).toHaveText(['Client A']);
  await expect(row(page, 'example.com').locator('.chip', { hasText: 'keep' })).toBeVisible();

  // The storage cleared, as another browser would be: everything comes back from the file.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('vps-admin.portfolio')) localStorage.removeItem(key);
  });
  await page.goto('/domains');
  await memoryRead(page);
  await expect(page.locator('.chip')).toHaveCount(0);
  await page.locator('.views > summary').click();
  await expect(page.locator('.views__list a')).toHaveCount(0);
  await choose('backup.json', exported);
  await expect(backup.getByRole('status')).toHaveText(
    'From this file: 2 new and 0 replaced domain notes, 1 new and 0 replaced views. Nothing else changes.',
  );
  await expect(page.locator('.chip')).toHaveCount(0);
  await capture(page, 'portfolio-import-preview', { viewportOnly: true });
  await backup.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(backup.getByRole('status')).toHaveText('Imported.');
  await expect(page.locator('.views__list a')).toHaveText(['Client A']);
  await expect(row(page, 'example.com').locator('.chip', { hasText: 'keep' })).toBeVisible();
  await page.reload();
  await memoryRead(page);
  await expect(row(page, 'side-hustle.co').locator('.chip', { hasText: 'client-a' })).toBeVisible();
  await page.locator('#domain-search').fill('main site');
  await expect.poll(() => shownNames(page)).toEqual(['example.com']);

  // The same file again: nothing new.
  await page.locator('.views > summary').click();
  await choose('backup.json', exported);
  await expect(backup.getByRole('status')).toHaveText('Everything in this file is kept here already.');
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

test('saved views are renamed and deleted in place; a name is checked', async ({ page }) => {
  await signIn(page, { remember: true, path: '/domains?status=active&sort=expiry' });
  await memoryRead(page);
  await page.locator('.views > summary').click();
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.locator('#view-name-problem')).toHaveText('This can’t be empty.');
  await page.getByLabel('Save this view as').fill('Active by expiry');
  await page.getByRole('button', { name: 'Save view' }).click();
  const list = page.locator('.views__list');
  await expect(list.getByRole('link', { name: 'Active by expiry' })).toHaveAttribute('aria-current', 'page');

  await list.getByRole('button', { name: 'Rename Active by expiry' }).click();
  const form = page.locator('.views__save');
  await expect(form.getByLabel('New name for “Active by expiry”')).toHaveValue('Active by expiry');
  await form.getByLabel('New name for “Active by expiry”').fill('Renewals');
  await form.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(list.getByRole('link')).toHaveText(['Renewals']);
  await expect(list.getByRole('link', { name: 'Renewals' })).toHaveAttribute('href', '/domains?status=active&sort=expiry');

  await list.getByRole('button', { name: 'Delete Renewals' }).click();
  await expect(list.getByRole('link')).toHaveCount(0);
  await page.reload();
  await memoryRead(page);
  await expect(page.locator('.views > summary')).toHaveText('Views (0)');
});

test('a full storage is said plainly and nothing kept is lost; the export carries tags, owner and note', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await keep(page, 102, { tags: 'client-b', owner: 'Bee Oy', note: 'Renew with the launch' });
  const stored = () =>
    page.evaluate(() => Object.entries(window.localStorage).find(([key]) => key.startsWith('vps-admin.portfolio'))?.[1] ?? '');
  const before = await stored();
  expect(before).toContain('client-b');

  // Fill the origin's quota with other data.
  await page.evaluate(() => {
    for (const size of [1 << 20, 1 << 14, 1 << 8, 1]) {
      const filler = 'x'.repeat(size);
      try {
        for (let i = 0; ; i++) window.localStorage.setItem(`filler-${size}-${i}`, filler);
      } catch {
        // full at this size: go on with a smaller one
      }
    }
  });
  const form = page.locator('.kept-form');
  await form.getByLabel('Note').fill('A much longer note that will not fit in the storage any more');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved: this browser’s storage for the app is full.' })).toBeVisible();
  await expect(form.getByRole('status'), 'not "Saved." when storage refused it').toHaveText('');
  await capture(page, 'portfolio-storage-full');
  expect(await stored(), 'what was kept before is still there').toBe(before);
  await expect(form.getByLabel('Note')).toHaveValue('A much longer note that will not fit in the storage any more');

  // Room again: the next save keeps it, and the notice goes.
  await page.evaluate(() => {
    for (const key of Object.keys(window.localStorage)) if (key.startsWith('filler-')) window.localStorage.removeItem(key);
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
  await expect(form.getByRole('status')).toHaveText('Saved.');
  expect(await stored()).toContain('will not fit in the storage any more');

  // The table's CSV carries what is kept.
  await page.goto('/domains');
  await expect(rows(page)).toHaveCount(9);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export this view' }).getByRole('button', { name: /CSV/ }).click(),
  ]);
  const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/,tags,owner,note$/);
  expect(csv).toMatch(/myapp\.io,.*,client-b,Bee Oy,A much longer note that will not fit in the storage any more\r\n/);
});
