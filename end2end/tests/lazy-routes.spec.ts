/**
 * The release build is split (scripts/build-release.mjs, src/chunks.rs): the first screen of
 * /domains is one wasm; every other page and dialog is in the pages chunk, fetched just after the
 * first rows are painted (or at once by a deep link), and the sign-in form is a chunk of its own.
 * Each lazy door is opened here in the real release build, in English and in Finnish: by a deep
 * link, and by navigation and the back button. A chunk that
 * cannot be fetched says so in the page's language, keeps what was typed, and its Retry works.
 * (What happens inside each page is the other specs' work, all on this same split build.)
 */
import { type Browser, type Page, type Request, type Route } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect, DEMO, capture, openDialog, row, rows, signIn, watchPage, type Watch } from './support';

type Lang = 'en' | 'fi';

/**
 * One language's messages, as the app has them (locales/<lang>/*.json; scripts/lib/messages.mjs
 * reads them so for the build, but the test runner cannot load that ES module from a spec).
 */
function words(lang: Lang): Record<string, string> {
  const dir = path.resolve(__dirname, '../../locales', lang);
  return Object.assign({}, ...fs.readdirSync(dir).map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
}

const LOCALE: Record<Lang, string> = { en: 'en-GB', fi: 'fi-FI' };

/** The path of a URL, or the path itself. */
const pathOf = (url: string) => (url.startsWith('/') ? url : new URL(url).pathname);
/** The chunk files of the build (`split_<module>-<hash>.wasm` and the shared `chunk_N-…`). */
const isChunk = (url: string) => /\/(split|chunk)_[a-z0-9_]+-[0-9a-f]{16}\.wasm$/.test(pathOf(url));
const isChunkOf = (module: string) => (url: string) => new RegExp(`/split_${module}-[0-9a-f]{16}\\.wasm$`).test(pathOf(url));

/** Every chunk the page asks for, in order. */
function chunkRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request: Request) => {
    if (isChunk(request.url())) asked.push(new URL(request.url()).pathname);
  });
  return asked;
}

/** What a test gives to open pages of its own, watched as its own page is. */
interface Opener {
  browser: Browser;
  baseURL?: string;
  watch: Watch;
  extraPages: Page[];
}

/** A page in a context of its own, in `lang`, signed in from sessionStorage (a remembered session) unless `signedOut`. */
async function openPage({ browser, baseURL, watch, extraPages }: Opener, lang: Lang, { signedOut = false } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: LOCALE[lang], viewport: { width: 1280, height: 800 }, baseURL });
  const page = await context.newPage();
  extraPages.push(page);
  await watchPage(page, watch);
  if (!signedOut) {
    await page.addInitScript((session) => sessionStorage.setItem('vps-admin.session', JSON.stringify(session)), {
      base: `${baseURL}/api/v1/`,
      token: DEMO,
    });
  }
  return page;
}

/** The pages chunk refused by `refuse` until the returned function is called. */
async function refusePagesChunk(page: Page, refuse: (route: Route) => Promise<void>): Promise<() => void> {
  let refused = true;
  await page.route(
    (url) => isChunkOf('pages')(url.href),
    (route) => (refused ? refuse(route) : route.fallback()),
  );
  return () => (refused = false);
}

for (const lang of ['en', 'fi'] as const) {
  const t = words(lang);

  test(`${lang}: a deep link to each lazy page loads its chunk and draws the page`, async ({ browser, baseURL, watch, extraPages }) => {
    const deepLinks: Array<[string, RegExp]> = [
      ['/register', new RegExp(t.register_page_title)],
      ['/domains/101', /example\.com/],
      ['/domains/106/transfer', /legacy-shop\.com/],
      ['/forecast', new RegExp(t.forecast_heading)],
    ];
    for (const [where, heading] of deepLinks) {
      const page = await openPage({ browser, baseURL, watch, extraPages }, lang);
      const asked = chunkRequests(page);
      await page.goto(where);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      expect(asked.filter(isChunkOf('pages')), `${where}: the pages chunk`).toHaveLength(1);
      await page.context().close();
    }
  });

  test(`${lang}: from the table to each lazy page and back, the pages chunk fetched once, after the first rows`, async ({
    browser,
    baseURL,
    watch,
    extraPages,
  }) => {
    const page = await openPage({ browser, baseURL, watch, extraPages }, lang);
    const asked = chunkRequests(page);
    await page.goto('/domains');
    await expect(rows(page)).toHaveCount(9);
    // (That nothing of it is fetched before the first row is painted is what the first screen's
    // ceiling measures: scripts/check-size-budget.mjs.) The portfolio's keeper brings it then.
    await expect.poll(() => asked.filter(isChunkOf('pages')).length).toBe(1);

    const nav = page.getByRole('navigation', { name: t.nav_label });

    await nav.getByRole('link', { name: t.nav_register }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.register_page_title);
    await expect(page).toHaveURL(/\/register$/);
    await nav.getByRole('link', { name: t.nav_forecast }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.forecast_heading);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.register_page_title);
    await page.goBack();
    await expect(rows(page)).toHaveCount(9);
    await row(page, 'legacy-shop.com').getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('legacy-shop.com');
    await page.locator('a[href="/domains/106/transfer"]').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('legacy-shop.com');
    await expect(page).toHaveURL(/\/domains\/106\/transfer$/);
    expect(asked.filter(isChunkOf('pages')), 'one fetch of the pages chunk for all of them').toHaveLength(1);
    await page.context().close();
  });

  test(`${lang}: after the first rows, the pages chunk comes once, with the selection bar, the bulk dialog and the exports`, async ({
    browser,
    baseURL,
    watch,
    extraPages,
  }) => {
    const page = await openPage({ browser, baseURL, watch, extraPages }, lang);
    const asked = chunkRequests(page);
    await page.goto('/domains');
    await expect(rows(page)).toHaveCount(9);
    // The portfolio's keeper brings it just after the first rows (for the tag filters, the chips).
    await expect.poll(() => asked.filter(isChunkOf('pages')).length).toBe(1);
    await row(page, 'example.com').getByRole('checkbox').check();
    await row(page, 'myapp.io').getByRole('checkbox').check();
    await page.getByRole('button', { name: t.domains_change_other.replace('{count}', '2') }).click();
    await expect(openDialog(page).getByRole('heading', { name: t.bulk_choose_title })).toBeVisible();
    await openDialog(page).getByRole('button', { name: t.action_cancel }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: t.domains_export_csv }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^domains-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(asked.filter(isChunkOf('pages')), 'fetched once for all of them').toHaveLength(1);
    await page.context().close();
  });

  test(`${lang}: a new visitor's sign-in form is a chunk of its own`, async ({ browser, baseURL, watch, extraPages }) => {
    const page = await openPage({ browser, baseURL, watch, extraPages }, lang, { signedOut: true });
    const asked = chunkRequests(page);
    await page.goto('/domains');
    await expect(page.getByRole('heading', { name: t.sign_in_title })).toBeVisible();
    expect(asked.filter(isChunkOf('sign_in'))).toHaveLength(1);
    expect(asked.filter(isChunkOf('pages')), 'the sign-in needs none of the pages').toEqual([]);
    await page.context().close();
  });

  test(`${lang}: a chunk that cannot be fetched is said in words, keeps what was typed, and Retry fetches it`, async ({
    browser,
    baseURL,
    watch,
    extraPages,
  }) => {
    const page = await openPage({ browser, baseURL, watch, extraPages }, lang);
    // Offline for the pages chunk only.
    const reconnect = await refusePagesChunk(page, (route) => route.abort('internetdisconnected'));
    await page.goto('/domains');
    await expect(rows(page)).toHaveCount(9);
    await page.locator('#domain-search').fill('shop');
    await expect(rows(page)).toHaveCount(1);
    await row(page, 'legacy-shop.com').getByRole('checkbox').check();

    // The selection bar: the failure where the bar would be; the selection stays.
    const failure = page.getByRole('alert').filter({ hasText: t.chunk_failed_title });
    await expect(failure).toBeVisible();
    await expect(failure).toContainText(t.chunk_failed_help);
    await expect(row(page, 'legacy-shop.com').getByRole('checkbox')).toBeChecked();
    await expect(page.locator('#domain-search')).toHaveValue('shop');
    await capture(page, `chunk-failed-dialog-${lang}`, { viewportOnly: true });
    reconnect();
    await failure.getByRole('button', { name: t.action_retry }).click();
    await page.getByRole('button', { name: t.domains_change_one.replace('{count}', '1') }).click();
    await expect(openDialog(page).getByRole('heading', { name: t.bulk_choose_title })).toBeVisible();
    await openDialog(page).getByRole('button', { name: t.action_cancel }).click();
    await page.context().close();
  });

  test(`${lang}: a page whose chunk fails says so in place of the page, and Retry draws it`, async ({
    browser,
    baseURL,
    watch,
    extraPages,
  }) => {
    const page = await openPage({ browser, baseURL, watch, extraPages }, lang);
    // A 404, as after a deploy that replaced the files.
    const redeployed = await refusePagesChunk(page, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
    await page.goto('/domains');
    await expect(rows(page)).toHaveCount(9);
    await page.getByRole('navigation', { name: t.nav_label }).getByRole('link', { name: t.nav_register }).click();
    const failure = page.getByRole('alert').filter({ hasText: t.chunk_failed_title });
    await expect(failure).toBeVisible();
    // The frame stays: the top bar still leads elsewhere, and back to the table works.
    await expect(page.getByRole('navigation', { name: t.nav_label })).toBeVisible();
    await capture(page, `chunk-failed-page-${lang}`);
    redeployed();
    await failure.getByRole('button', { name: t.action_retry }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.register_page_title);
    await page.locator('#domain-name').fill('retried.com');
    await expect(page.locator('#domain-name')).toHaveValue('retried.com');
    await page.context().close();
  });
}

test('every chunk of the build is a real, working part: each lazy door opened once fetches only files of dist/', async ({
  page,
}) => {
  const asked = chunkRequests(page);
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (isChunk(response.url()) && response.status() !== 200) failed.push(`${response.url()}: ${response.status()}`);
  });
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  await page.goto('/domains/101');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('example.com');
  expect(failed).toEqual([]);
  const dist = path.resolve(__dirname, '../../dist');
  for (const file of asked) expect(fs.existsSync(path.join(dist, file)), file).toBe(true);
});
