/** The table's view exported: a CSV and an iCalendar file, downloaded and read back. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { type Page } from '@playwright/test';
import { test, expect, capture, rows, shownNames, signIn } from './support';

/** The rows as Python's csv module reads them: a reader that is not the writer's own. */
function parseCsv(path: string): string[][] {
  const read = 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))';
  return JSON.parse(execFileSync('python3', ['-c', read, path], { encoding: 'utf8' }));
}

async function downloaded(page: Page, button: string): Promise<{ name: string; path: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Export this view' }).getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), path, text: fs.readFileSync(path, 'utf8') };
}

test('the filtered, sorted view as a CSV and as calendar events, in the table’s order', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await page.goto('/domains?status=locked&sort=expiry');
  await expect(rows(page)).toHaveCount(6);
  const shown = await shownNames(page);
  await capture(page, 'domains-export');

  const csv = await downloaded(page, 'Export CSV');
  expect(csv.name).toMatch(/^domains-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.endsWith('\r\n')).toBe(true);
  const [header, ...lines] = parseCsv(csv.path);
  expect(header).toEqual([
    'id',
    'domain',
    'domain (ASCII)',
    'status',
    'registered',
    'expires',
    'days left',
    'auto-renew',
    'locked',
    'privacy',
    'DNS',
    'nameservers',
    'renewal price per year (USD)',
    'tags',
    'owner',
    'note',
  ]);
  expect(lines.map((line) => line[2])).toEqual(shown);
  expect(lines.every((line) => line.slice(13).join('') === ''), 'nothing kept, empty columns').toBe(true);
  const example = lines.find((line) => line[2] === 'example.com');
  expect(example?.slice(7, 13)).toEqual(['On', 'Locked', 'On', 'VPS.org', 'ns1.vps.org ns2.vps.org', '12.99']);
  expect(lines.every((line) => line[8] === 'Locked')).toBe(true);

  const ics = await downloaded(page, 'Calendar (.ics)');
  expect(ics.name).toMatch(/^domain-expiries-\d{4}-\d{2}-\d{2}\.ics$/);
  const unfolded = ics.text.replace(/\r\n /g, '');
  expect(unfolded.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const uids = [...unfolded.matchAll(/^UID:domain-\d+-(.+)@vps-admin$/gm)].map((match) => match[1]);
  expect(uids).toEqual(shown);
  const withoutAutoRenew = lines.filter((line) => line[7] === 'Off').length;
  expect(unfolded.match(/^BEGIN:VALARM$/gm) ?? []).toHaveLength(withoutAutoRenew);
  expect(ics.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
});
