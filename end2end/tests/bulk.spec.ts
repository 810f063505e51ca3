/**
 * Many domains at once: the selection (page, all matching, kept across sorting, paging and
 * filters), bulk changes through their review to a result per domain, removal by typed count,
 * faults in mid-batch (a failing domain, a lost connection, a 401, a busy API, a sign-out), and
 * the selection exported as a CSV and an iCalendar file read back by Python's own parsers.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { domainToASCII } from 'node:url';
import { type Locator, type Page, type Request } from '@playwright/test';
import {
  test,
  expect,
  capture,
  forbid,
  keyTo,
  only,
  openDialog,
  row,
  rows,
  shownNames,
  signIn,
  signInByKeyboard,
  signInOnLayer,
} from './support';

const DETAIL = (id: number) => (url: URL) => url.pathname === `/api/v1/domains/${id}/`;
const ANY_DETAIL = (url: URL) => /^\/api\/v1\/domains\/\d+\/$/.test(url.pathname);

function selectionBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Selection' });
}

function rowBox(page: Page, asciiName: string): Locator {
  return row(page, asciiName).getByRole('checkbox');
}

/** The PUTs and DELETEs the page sends, as `METHOD id`. */
function watchChanges(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request: Request) => {
    const id = new URL(request.url()).pathname.match(/^\/api\/v1\/domains\/(\d+)\/$/)?.[1];
    if (id && ['PUT', 'DELETE'].includes(request.method())) sent.push(`${request.method()} ${id}`);
  });
  return sent;
}

/** Opens the change dialog for the selection, picks `change` and asks for the review. */
async function review(page: Page, change: string): Promise<Locator> {
  await selectionBar(page).getByRole('button', { name: /^Change \d+ domains?…$/ }).click();
  const dialog = openDialog(page);
  await dialog.getByRole('radio', { name: change, exact: true }).check();
  return dialog;
}

async function askReview(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByRole('heading', { name: /^Review: / })).toBeVisible();
}

/** The ASCII names of the domains the open review changes (its rows name them in Unicode). */
async function reviewed(dialog: Locator): Promise<string[]> {
  return (await dialog.locator('table.diff tbody th').allInnerTexts()).map((name) => domainToASCII(name.trim()));
}

/**
 * A batch worth interrupting: `generated` more domains, the locked ones' first page selected and
 * an Unlock reviewed. Gives the open dialog and the ASCII names it will change.
 */
async function unlockReviewed(page: Page, sandbox: { generate(count: number): Promise<void> }, generated: number) {
  await sandbox.generate(generated);
  await signIn(page, { path: '/domains?status=locked' });
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  const dialog = await review(page, 'Unlock');
  await askReview(dialog);
  const names = await reviewed(dialog);
  expect(names.length, 'enough domains to interrupt').toBeGreaterThan(5);
  return { dialog, names, count: names.length };
}

/** The listed domains named in `names`, as the API has them now. */
async function listed(sandbox: { domains(): Promise<Array<Record<string, any>>> }, names: string[]) {
  const all = await sandbox.domains();
  return names.map((name) => all.find((domain) => domain.domain_name === name));
}

/** The result line of one domain in the batch dialog. */
function resultOf(dialog: Locator, name: string): Locator {
  return dialog.locator('.batch__item').filter({ has: dialog.page().locator('strong', { hasText: name }) });
}

test('auto-renew off on a filtered selection, by keyboard alone', async ({ page, sandbox }) => {
  const sent = watchChanges(page);
  await signInByKeyboard(page);
  await expect(rows(page)).toHaveCount(9);

  await keyTo(page, page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Active/ }));
  await expect(page).toHaveURL(/status=active/);
  await expect(rows(page)).toHaveCount(7);
  const active = await shownNames(page);

  // The page's box selects every row shown; Space on a row's box toggles that row.
  await keyTo(page, page.getByRole('checkbox', { name: 'Select this page' }), 'Space');
  await expect(selectionBar(page).getByText('7 selected')).toBeVisible();
  await keyTo(page, rowBox(page, 'myapp.io'), 'Space');
  await expect(selectionBar(page).getByText('6 selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select this page' })).toHaveJSProperty('indeterminate', true);
  await page.keyboard.press('Space');
  await expect(selectionBar(page).getByText('7 selected')).toBeVisible();

  // Kept across sorting, and across a change of filter, which says what it hides.
  await keyTo(page, page.locator('[data-sort=expiry]'));
  await expect(page).toHaveURL(/sort=expiry/);
  for (const name of active) await expect(rowBox(page, name)).toBeChecked();
  await keyTo(page, page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Expired/ }), 'Enter', {
    backwards: true,
  });
  await expect(selectionBar(page).getByText('7 selected, 7 not in this view')).toBeVisible();
  await expect(rowBox(page, 'old-project.net')).not.toBeChecked();
  await keyTo(page, page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Active/ }), 'Enter', {
    backwards: true,
  });
  await expect(selectionBar(page).getByText('7 selected', { exact: true })).toBeVisible();

  await keyTo(page, selectionBar(page).getByRole('button', { name: 'Change 7 domains…' }));
  const dialog = openDialog(page);
  await expect(dialog.getByRole('radio', { name: 'Turn auto-renew off' })).toBeChecked();
  await keyTo(page, dialog.getByRole('button', { name: 'Review' }));
  await expect(dialog.getByRole('heading', { name: 'Review: Turn auto-renew off' })).toBeVisible();

  // Only the two VPS.org domains with auto-renew on change; the rest are left out with why.
  const changing = dialog.locator('table.diff tbody tr');
  await expect(changing).toHaveCount(2);
  await expect(changing.nth(0)).toHaveText(/café\.app\s*On\s*Off/);
  await expect(changing.nth(1)).toHaveText(/example\.com\s*On\s*Off/);
  const leftOut = dialog.locator('.bulk-review__left-out');
  await expect(leftOut.locator('summary')).toHaveText('Left out: 5 domains');
  await expect(leftOut.getByRole('listitem').filter({ hasText: 'legacy-shop.com' })).toContainText(
    'Registered at GoDaddy: its settings can only be changed there.',
  );
  await expect(leftOut.getByRole('listitem').filter({ hasText: 'myapp.io' })).toContainText('Already Off.');
  await expect(dialog).toContainText('With auto-renew off, these 2 domains will expire unless renewed');
  await expect(dialog).toContainText('Nothing is charged');
  await capture(page, 'bulk-review');

  await keyTo(page, dialog.getByRole('button', { name: 'Apply to 2 domains' }));
  await expect(dialog.getByRole('status')).toHaveText('2 of 2 done');
  await expect(resultOf(dialog, 'example.com')).toContainText('Done');
  await expect(resultOf(dialog, 'example.com')).toContainText('Domain settings updated successfully.');
  await capture(page, 'bulk-results');
  await keyTo(page, dialog.getByRole('button', { name: 'Close' }));
  await expect(openDialog(page)).toHaveCount(0);

  // The rows changed as their answers came; the API holds it; nothing else was sent.
  await expect(row(page, 'example.com').locator('td[data-label="Auto-renew"]')).toHaveText('Off');
  await expect(row(page, 'xn--caf-dma.app').locator('td[data-label="Auto-renew"]')).toHaveText('Off');
  expect((await sandbox.domain(101)).auto_renew).toBe(false);
  expect((await sandbox.domain(109)).auto_renew).toBe(false);
  expect(sent.sort()).toEqual(['PUT 101', 'PUT 109']);
  await expect(selectionBar(page).getByText('Turn auto-renew off: 2 of 2 done')).toBeVisible();
});

test('auto-renew on, privacy on and lock, each on what needs it', async ({ page, sandbox }) => {
  await signIn(page);
  for (const name of ['myapp.io', 'side-hustle.co']) await rowBox(page, name).check();
  // myapp.io: auto-renew off, privacy off, unlocked; side-hustle.co: auto-renew off, privacy on, locked.
  const cases = [
    { change: 'Turn auto-renew on', changes: ['myapp.io', 'side-hustle.co'], field: 'auto_renew', value: true },
    { change: 'Turn WHOIS privacy on', changes: ['myapp.io'], field: 'privacy_protection', value: true },
    { change: 'Lock', changes: ['myapp.io'], field: 'locked', value: true },
  ];
  for (const { change, changes, field, value } of cases) {
    const dialog = await review(page, change);
    await askReview(dialog);
    expect(await reviewed(dialog), change).toEqual(changes);
    await dialog.getByRole('button', { name: /^Apply to/ }).click();
    await expect(dialog.getByRole('status')).toHaveText(`${changes.length} of ${changes.length} done`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (const id of [102, 105]) expect((await sandbox.domain(id))[field], `${change}: ${id}`).toBe(value);
  }
});

test('nameservers on three domains, one failing with a 500, then retried', async ({ page, sandbox }) => {
  const sent = watchChanges(page);
  await signIn(page);
  for (const name of ['example.com', 'side-hustle.co', 'old-project.net']) await rowBox(page, name).check();
  await expect(selectionBar(page).getByText('3 selected')).toBeVisible();

  const dialog = await review(page, 'Set nameservers');
  // The single editor's rules and hints: two rows at least, normalised as typed.
  await dialog.getByRole('radio', { name: 'Custom nameservers' }).check();
  await dialog.locator('#bulk-ns-0').fill('NS1.Example.NET.');
  await expect(dialog.getByText('Saved as ns1.example.net')).toBeVisible();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.locator('.field-errors')).toHaveText('Nameserver 2: enter a host name such as ns1.example.com.');
  await expect(dialog.getByRole('heading', { name: 'Change the selected domains' })).toBeVisible();
  await expect(dialog.locator('#bulk-ns-0')).toHaveValue('ns1.example.net');
  await dialog.locator('#bulk-ns-1').fill('ns2.example.net');
  await askReview(dialog);
  const changing = dialog.locator('table.diff tbody tr');
  await expect(changing).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(changing.nth(i)).toContainText('ns1.vps.org, ns2.vps.org');
  await expect(changing.nth(0).locator('.diff__after')).toHaveText('ns1.example.net, ns2.example.net');
  await expect(dialog).toContainText('DNS for these 3 domains will be answered by the new nameservers');

  const sideHustle = DETAIL(105);
  await page.route(sideHustle, only('PUT', async (route) => {
    await route.fulfill({ status: 500, json: { detail: 'The registry did not answer.' } });
  }));
  await dialog.getByRole('button', { name: 'Apply to 3 domains' }).click();
  await expect(dialog.getByRole('status')).toHaveText('2 of 3 done, 1 failed');
  await expect(resultOf(dialog, 'side-hustle.co')).toContainText('Failed');
  await expect(resultOf(dialog, 'side-hustle.co')).toContainText('The registry did not answer (HTTP 500). Retry in a moment.');
  await expect(resultOf(dialog, 'example.com')).toContainText('Nameserver changes may take up to 24 hours to propagate.');
  // The failure is listed first.
  await expect(dialog.locator('.batch__item').first()).toContainText('side-hustle.co');
  await capture(page, 'bulk-failed');
  await expect(row(page, 'example.com').locator('td[data-label="DNS"]')).toHaveText('External');
  await expect(row(page, 'side-hustle.co').locator('td[data-label="DNS"]')).toHaveText('VPS.org');

  await page.unroute(sideHustle);
  await dialog.getByRole('button', { name: 'Retry the failed ones' }).click();
  await expect(dialog.getByRole('status')).toHaveText('3 of 3 done');
  for (const id of [101, 104, 105]) {
    expect((await sandbox.domain(id)).nameservers).toEqual(['ns1.example.net', 'ns2.example.net']);
  }
  // Each domain once, the failed one twice.
  expect(sent.sort()).toEqual(['PUT 101', 'PUT 104', 'PUT 105', 'PUT 105']);
});

test('a 404 and a 400 show on their own rows while the others go on', async ({ page, sandbox }) => {
  await signIn(page);
  for (const name of ['example.com', 'xn--caf-dma.app', 'side-hustle.co', 'old-project.net']) await rowBox(page, name).check();
  const dialog = await review(page, 'Turn WHOIS privacy off');
  await askReview(dialog);
  await expect(dialog.locator('table.diff tbody tr')).toHaveCount(4);

  // café.app is removed elsewhere meanwhile (a real 404); old-project.net is refused.
  await sandbox.remove(109);
  const oldProject = DETAIL(104);
  await page.route(oldProject, only('PUT', async (route) => {
    await route.fulfill({ status: 400, json: { privacy_protection: ['Privacy cannot be changed on an expired domain.'] } });
  }));
  await dialog.getByRole('button', { name: 'Apply to 4 domains' }).click();
  await expect(dialog.getByRole('status')).toHaveText('2 of 4 done, 2 failed');
  await expect(resultOf(dialog, 'café.app')).toContainText('Not found: it may have been removed from this account.');
  await expect(resultOf(dialog, 'old-project.net')).toContainText('Privacy cannot be changed on an expired domain.');
  expect((await sandbox.domain(101)).privacy_protection).toBe(false);
  expect((await sandbox.domain(105)).privacy_protection).toBe(false);
  // The removed domain has left the table too, and a retry does not send it again.
  await expect(row(page, 'xn--caf-dma.app')).toHaveCount(0);
  await page.unroute(oldProject);
  await dialog.getByRole('button', { name: 'Retry the failed ones' }).click();
  await expect(dialog.getByRole('status')).toHaveText('3 of 4 done, 1 failed');
  await expect(resultOf(dialog, 'café.app')).toContainText('No longer in this account.');
  expect((await sandbox.domain(104)).privacy_protection).toBe(false);
});

test('removing many domains takes the count typed, on a phone', async ({ page, sandbox }) => {
  const sent = watchChanges(page);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page);
  // The cards are selected the same way.
  for (const name of ['old-project.net', 'side-hustle.co', 'brand-new.org']) await rowBox(page, name).click();
  await expect(selectionBar(page).getByText('3 selected')).toBeVisible();
  // The picture and axe-core's check of one settled view: the filters beside the table in place
  // (they come a moment after the rows), the list scrolled to the first card selected. The
  // clicks leave the scroll where they happened to, and at the very top café.app's checkbox
  // sits half under the bar, which axe-core counts against its size.
  await expect(page.locator('.portfolio-filters')).toBeVisible();
  await row(page, 'brand-new.org').evaluate((card) => card.scrollIntoView({ block: 'start' }));
  await capture(page, 'bulk-selection', { viewportOnly: true });
  await page.setViewportSize({ width: 375, height: 812 });

  const dialog = await review(page, 'Remove from account');
  await askReview(dialog);
  await expect(dialog.locator('table.diff tbody tr')).toHaveCount(3);
  await expect(dialog).toContainText('It cancels no registration');
  const apply = dialog.getByRole('button', { name: 'Remove 3 domains' });
  await expect(apply).toBeDisabled();
  const confirm = dialog.getByLabel('Type remove 3 domains to confirm');
  await confirm.fill('remove 2 domains');
  await expect(apply).toBeDisabled();
  await confirm.fill('Remove 3 domains ');
  await expect(apply).toBeEnabled();
  await capture(page, 'bulk-remove');
  await page.setViewportSize({ width: 375, height: 812 });
  await apply.click();
  await expect(dialog.getByRole('status')).toHaveText('3 of 3 done');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(rows(page)).toHaveCount(6);
  const left = (await sandbox.domains()).map((domain) => domain.domain_name);
  for (const name of ['old-project.net', 'side-hustle.co', 'brand-new.org']) expect(left).not.toContain(name);
  expect(sent.sort()).toEqual(['DELETE 104', 'DELETE 105', 'DELETE 108']);
  // What was removed is no longer selected.
  await expect(selectionBar(page).getByText('Nothing selected')).toBeVisible();
});

/** Reads a downloaded file with a Python program given on its command line. */
function python(program: string, path: string): any {
  return JSON.parse(execFileSync('python3', ['-c', program, path], { encoding: 'utf8' }));
}

test('all matching across pages, exported as a CSV and as calendar events', async ({ page, sandbox }) => {
  await sandbox.generate(140);
  await signIn(page);
  await page.locator('#domain-search').fill('a');
  await expect(page).toHaveURL(/q=a/);
  const matching = Number((await page.locator('.pager .muted').first().innerText()).match(/of ([\d,]+)/)?.[1].replace(',', ''));
  expect(matching).toBeGreaterThan(50);

  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await expect(selectionBar(page).getByText('50 selected')).toBeVisible();
  const all = selectionBar(page).getByRole('button', { name: `Select all ${matching} matching` });
  await all.click();
  await expect(selectionBar(page).getByText(`${matching} selected`, { exact: true })).toBeVisible();
  await expect(all).toHaveCount(0);
  // The next page is selected too.
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/page=2/);
  for (const box of await rows(page).getByRole('checkbox').all()) await expect(box).toBeChecked();

  const download = async (button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      selectionBar(page).getByRole('group', { name: 'Export the selection' }).getByRole('button', { name: button }).click(),
    ]);
    return file.path();
  };
  const csvRows: string[][] = python(
    'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))',
    await download('Export CSV'),
  );
  const [, ...lines] = csvRows;
  expect(lines).toHaveLength(matching);
  expect(lines.every((line) => line[1].includes('a') || line[2].includes('a'))).toBe(true);
  expect(new Set(lines.map((line) => line[0])).size).toBe(matching);

  const icsPath = await download('Calendar (.ics)');
  const events: Array<{ uid: string; summary: string; start: string; alarms: number }> = python(
    [
      'import json, sys, icalendar',
      'calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())',
      'events = [{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "start": e.decoded("DTSTART").isoformat(),',
      '           "alarms": len([a for a in e.subcomponents if a.name == "VALARM"])} for e in calendar.walk("VEVENT")]',
      'print(json.dumps(events))',
    ].join('\n'),
    icsPath,
  );
  const expiring = lines.filter((line) => line[5] !== '');
  expect(events).toHaveLength(expiring.length);
  expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  // One all-day event on each expiry date; an alarm only where auto-renew is off.
  const byAscii = new Map(expiring.map((line) => [line[2], line]));
  for (const event of events) {
    const ascii = event.uid.match(/^domain-\d+-(.+)@vps-admin$/)?.[1] ?? '';
    const line = byAscii.get(ascii);
    expect(line, event.uid).toBeDefined();
    expect(event.start).toBe(line![5].slice(0, 10));
    expect(event.alarms).toBe(line![7] === 'Off' ? 1 : 0);
  }
  expect(fs.statSync(icsPath).size).toBeGreaterThan(0);
});

test('a lost connection holds the rest of the batch, and Resume sends it', async ({ page, sandbox }) => {
  const { dialog, names, count } = await unlockReviewed(page, sandbox, 16);

  // The connection drops after the fourth PUT has gone out.
  let puts = 0;
  await page.route(ANY_DETAIL, only('PUT', async (route) => {
    puts += 1;
    if (puts <= 4) return route.fallback();
    await route.abort('internetdisconnected');
  }));
  await dialog.getByRole('button', { name: `Apply to ${count} domains` }).click();
  await expect(dialog.getByText(/^The connection was lost: \d+ domains? waiting\. Retry once it is back\.$/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Resume/ })).toBeVisible();
  const done = Number((await dialog.getByRole('status').innerText()).match(/^(\d+) of/)?.[1]);
  expect(done).toBeGreaterThanOrEqual(4);
  expect(done).toBeLessThan(count);
  await capture(page, 'bulk-held');

  await page.unroute(ANY_DETAIL);
  await dialog.getByRole('button', { name: /^Resume/ }).click();
  await expect(dialog.getByRole('status')).toHaveText(`${count} of ${count} done`);
  expect((await listed(sandbox, names)).map((domain) => domain?.locked)).toEqual(names.map(() => false));
});

test('at most four requests in flight; Cancel sends nothing more and lets those finish', async ({ page, sandbox, watch }) => {
  const { dialog, count } = await unlockReviewed(page, sandbox, 12);

  let sent = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  await page.route(ANY_DETAIL, only('PUT', async (route) => {
    sent += 1;
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.fallback();
    inFlight -= 1;
  }));
  await dialog.getByRole('button', { name: `Apply to ${count} domains` }).click();
  await expect.poll(() => sent).toBe(4);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Any PUT from here to Resume fails the test, however late; one sent in the moment before
  // this route is in place would count in `sent`.
  const afterCancel = await forbid(page, watch, ANY_DETAIL, 'PUT', 'nothing is sent after Cancel');
  await expect(dialog.getByText(`Cancelled: ${count - 4} domains not sent.`)).toBeVisible();
  // The four in flight finish (each held 800 ms): a fifth, if Cancel let one through, would
  // be asked for as they do.
  await expect(dialog.getByRole('status')).toHaveText(`4 of ${count} done, ${count - 4} to go`);
  expect(sent, 'nothing sent after Cancel').toBe(4);
  expect(mostInFlight).toBe(4);

  await afterCancel.lift();
  await page.unroute(ANY_DETAIL);
  await dialog.getByRole('button', { name: `Resume (${count - 4} waiting)` }).click();
  await expect(dialog.getByRole('status')).toHaveText(`${count} of ${count} done`);
});

test('a 401 mid-batch stops it; after signing in again the rest goes on', async ({ page, sandbox }) => {
  const { dialog, names, count } = await unlockReviewed(page, sandbox, 12);

  let puts = 0;
  await page.route(ANY_DETAIL, only('PUT', async (route) => {
    puts += 1;
    if (puts !== 3) return route.fallback();
    await route.fulfill({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, json: { detail: 'Invalid token.' } });
  }));
  await dialog.getByRole('button', { name: `Apply to ${count} domains` }).click();
  await expect(page.locator('.sign-in').getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  const sentBefore = puts;
  await page.unroute(ANY_DETAIL);
  await signInOnLayer(page);
  expect(puts, 'nothing sent while signed out').toBe(sentBefore);
  // The selection is still there.
  await expect(selectionBar(page).getByText(/^\d+ selected/)).toBeVisible();

  await selectionBar(page).getByRole('button', { name: 'Details' }).click();
  const details = openDialog(page);
  await expect(details).toContainText('Your session ended:');
  await details.getByRole('button', { name: /^Resume/ }).click();
  await expect(details.getByRole('status')).toHaveText(`${count} of ${count} done`);
  expect((await listed(sandbox, names)).map((domain) => domain?.locked)).toEqual(names.map(() => false));
});

test('a busy API (429 with Retry-After) pauses the batch, which then finishes', async ({ page, sandbox }) => {
  await signIn(page);
  for (const name of ['example.com', 'xn--caf-dma.app', 'mynewstartup.dev']) await rowBox(page, name).check();
  const dialog = await review(page, 'Unlock');
  await askReview(dialog);
  const times: number[] = [];
  await page.route(
    ANY_DETAIL,
    only('PUT', async (route) => {
      times.push(Date.now());
      if (times.length > 1) return route.fallback();
      await route.fulfill({ status: 429, headers: { 'Retry-After': '2' }, json: { detail: 'Request was throttled.' } });
    }),
  );
  await dialog.getByRole('button', { name: 'Apply to 3 domains' }).click();
  await expect(dialog.getByRole('status')).toHaveText('3 of 3 done', { timeout: 15_000 });
  // Four PUTs: the throttled one was sent again, and nothing went out for two seconds after it.
  expect(times).toHaveLength(4);
  const afterPause = times.slice(1).filter((at) => at - times[0] >= 1_900);
  expect(afterPause.length).toBeGreaterThanOrEqual(1);
  for (const id of [101, 103, 109]) expect((await sandbox.domain(id)).locked).toBe(false);
});

test('signing out mid-batch stops it: no request after, nothing left behind', async ({ page, sandbox, watch }) => {
  const { dialog, count } = await unlockReviewed(page, sandbox, 12);

  // Slow answers, so that the sign-out lands while requests are in flight.
  let puts = 0;
  await page.route(ANY_DETAIL, only('PUT', async (route) => {
    puts += 1;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.fallback().catch(() => undefined);
  }));
  await dialog.getByRole('button', { name: `Apply to ${count} domains` }).click();
  await expect.poll(() => puts).toBeGreaterThanOrEqual(4);
  await dialog.getByRole('button', { name: 'Close (keeps going)' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  const sentAtSignOut = puts;
  // To the end of the test (signing in again included), any PUT fails it, however late.
  await forbid(page, watch, ANY_DETAIL, 'PUT', 'no request after the sign-out');
  await expect(page.locator('.sign-in')).toBeVisible();
  await signInOnLayer(page);
  await expect(selectionBar(page)).toHaveCount(0);
  // The requests in flight at the sign-out have answered (or been dropped) by now.
  await page.waitForLoadState('networkidle');
  expect(puts, 'no request after the sign-out').toBe(sentAtSignOut);
  expect(sentAtSignOut).toBeLessThan(count);
});
