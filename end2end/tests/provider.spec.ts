/**
 * The real provider's shapes and the API address: DRF pages whose links name another host,
 * first pages without `next`, `previous` links, unknown fields and statuses, fractional-second
 * timestamps with offsets; page links the app must not follow; an HTML page instead of JSON;
 * and the addresses the sign-in refuses (clear text, another origin under this CSP or
 * without CORS), each said in words, before any token is sent.
 */
import { type Page, type Route } from '@playwright/test';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { test, expect, DEMO, SEED_NAMES, row, rows, signIn } from './support';

const PROVIDER = 'https://admin.vps.org';
const LIST = (url: URL) => url.pathname === '/api/v1/domains/';

type Domain = Record<string, unknown> & { id: number; status: string };

/**
 * Answers the list as DRF behind a proxy would: pages of `size` of the sandbox's real list,
 * `count`, absolute `next`/`previous` on the provider's host (or `link(page)` when given), an
 * unknown field on every page and domain, and whatever `reshape` makes of the domains.
 */
async function paginateLikeTheProvider(
  page: Page,
  {
    size = 4,
    link = (number: number) => `${PROVIDER}/api/v1/domains/?page=${number}`,
    reshape = (domains: Domain[]) => domains,
  }: { size?: number; link?: (page: number) => string | null; reshape?: (domains: Domain[]) => Domain[] } = {},
): Promise<string[]> {
  const asked: string[] = [];
  await page.route(LIST, async (route: Route) => {
    const url = new URL(route.request().url());
    if (route.request().method() !== 'GET' || url.searchParams.has('status') || url.searchParams.has('search')) {
      return route.fallback();
    }
    asked.push(url.search);
    const whole = await route.fetch({ url: `${url.origin}/api/v1/domains/` });
    const domains = reshape((await whole.json()).results as Domain[]);
    const number = Number(url.searchParams.get('page') ?? 1);
    const pages = Math.ceil(domains.length / size);
    const body: Record<string, unknown> = {
      count: domains.length,
      previous: number > 1 ? link(number - 1) : null,
      results: domains.slice((number - 1) * size, number * size).map((domain) => ({ ...domain, tld_info: { x: 1 } })),
      page_links: { first: link(1) },
    };
    // The provider's own example has no `next` at all on a last (or only) page.
    if (number < pages) body.next = link(number + 1);
    await route.fulfill({ json: body });
  });
  return asked;
}

test('a provider-shaped list: pages linked on admin.vps.org arrive whole, and no request leaves this origin', async ({
  page,
  watch,
  baseURL,
}) => {
  const asked = await paginateLikeTheProvider(page, {
    reshape: (domains) =>
      domains.map((domain) =>
        domain.id === 102
          ? {
              ...domain,
              status: 'on_hold',
              registration_date: '2024-06-30T23:30:00.123456+02:00',
              expiration_date: '2027-06-30T23:30:00.5-02:00',
            }
          : domain,
      ),
  });
  await signIn(page);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  expect(asked, 'each page asked once, on this origin').toEqual(['', '?page=2', '?page=3']);
  await expect(page.getByTestId('list-cut')).toHaveCount(0);
  // An unknown status, shown as it came; a time with a fraction and an offset, read as UTC.
  const myapp = row(page, 'myapp.io');
  await expect(myapp.locator('.badge')).toHaveText(/on_hold/);
  await expect(myapp.locator('.domains__expiry')).toContainText('1 Jul 2027');
  const origin = new URL(baseURL!).origin;
  expect(watch.urls.filter((url) => url.startsWith('http') && new URL(url).origin !== origin)).toEqual([]);
});

test('a next link outside the API, a loop and a non-link end the listing: what arrived is shown, with a notice', async ({
  page,
}) => {
  await signIn(page);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  const notice = page.getByTestId('list-cut');
  await expect(notice).toHaveCount(0);

  // Page 2 points outside the API's path: not followed.
  await paginateLikeTheProvider(page, {
    link: (number) => (number === 2 ? `${PROVIDER}/admin/domains/?page=2` : `${PROVIDER}/api/v1/domains/?page=${number}`),
  });
  await page.getByRole('button', { name: /Refresh/ }).click();
  await expect(notice).toContainText('does not lie under its own address');
  await expect(notice).toContainText('Showing the 4 domains received before it');
  // A cut listing adds what it brought and drops nothing it did not.
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);

  // Every page links to page 2: it is read once, then the loop is said.
  await page.unrouteAll({ behavior: 'wait' });
  const asked = await paginateLikeTheProvider(page, { link: () => `${PROVIDER}/api/v1/domains/?page=2` });
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(notice).toContainText('a link back to a page already read');
  await expect(notice).toContainText('Showing the 8 domains received');
  expect(asked).toEqual(['', '?page=2']);

  // Not a link at all.
  await page.unrouteAll({ behavior: 'wait' });
  await page.route(LIST, (route) =>
    route.request().method() === 'GET' ? route.fulfill({ json: { count: 20, next: 42, results: [] } }) : route.fallback(),
  );
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(notice).toContainText('Showing the 0 domains received before it');

  // A whole list again: the notice goes.
  await page.unrouteAll({ behavior: 'wait' });
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(notice).toHaveCount(0);
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
});

test('an HTML page instead of the API’s JSON: said in words at sign-in, and over a loaded list', async ({ page }) => {
  const html = { status: 200, contentType: 'text/html', body: '<!doctype html><html><body>Welcome to nginx!</body></html>' };
  await page.route(LIST, (route) => (route.request().method() === 'GET' ? route.fulfill(html) : route.fallback()));
  await page.goto('/domains');
  await page.locator('#api-token').fill(DEMO);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.sign-in .form-error')).toContainText('A web page came back instead of the API');
  await expect(page.locator('#api-token')).toHaveValue(DEMO);
  await page.unrouteAll({ behavior: 'wait' });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);

  await page.route(LIST, (route) => (route.request().method() === 'GET' ? route.fulfill(html) : route.fallback()));
  await page.getByRole('button', { name: /Refresh/ }).click();
  await expect(page.locator('.notice--error')).toContainText('A web page came back instead of the API');
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
});

test('sign-in refuses clear text to another machine, and says why an API on another origin cannot work here', async ({
  page,
  watch,
  baseURL,
}) => {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['authorization']) sent.push(request.url());
  });
  await page.goto('/domains');
  const base = page.locator('#api-base');
  const problem = page.locator('.sign-in .form-error');
  await page.locator('#api-token').fill(DEMO);

  await base.fill('http://admin.vps.org/api/v1/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(problem).toContainText('http:// would send your token to admin.vps.org in clear text');

  // Another origin (this sandbox under another name) under this page's CSP: blocked by the page.
  const elsewhere = baseURL!.replace('127.0.0.1', 'localhost');
  await base.fill(`${elsewhere}/api/v1/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(problem).toContainText("This page's security policy lets it call only its own site");
  await expect(problem).toContainText('Use it with your VPS.org account');
  // That violation was the point of this step: the suite's watch must not count it, and
  // nothing else may have raised one.
  expect(watch.cspViolations.length).toBeGreaterThan(0);
  expect(watch.cspViolations.every((line) => line.includes('connect-src') && line.includes('localhost'))).toBe(true);
  watch.cspViolations.length = 0;
  const refused = (line: string) => /Content Security Policy|Refused to/i.test(line);
  expect(watch.console.filter(refused).every((line) => line.includes('localhost'))).toBe(true);
  watch.console.splice(0, watch.console.length, ...watch.console.filter((line) => !refused(line)));
  expect(sent, 'no request carried the token').toEqual([]);
  await expect(page.locator('#api-token')).toHaveValue(DEMO);
});

test('an API on another origin without CORS for this page: said in words', async ({ page, baseURL }) => {
  // The same build from a plain static server that sends no CSP, on another port: the sandbox
  // (at baseURL, allowing no other origin) is then an API on another origin without CORS.
  const dist = path.resolve(__dirname, '../../dist');
  const server = http.createServer((request, response) => {
    const wanted = path.join(dist, path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    const file = wanted.startsWith(dist) && fs.existsSync(wanted) && fs.statSync(wanted).isFile() ? wanted : path.join(dist, 'index.html');
    const types: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'text/html' });
    fs.createReadStream(file).pipe(response);
  });
  // The OS picks its port, read back once it listens.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await page.goto(`http://127.0.0.1:${port}/domains`);
    await page.locator('#api-base').fill(`${baseURL}/api/v1/`);
    await page.locator('#api-token').fill(DEMO);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.sign-in .form-error')).toContainText(
      `The API at ${baseURL} answered, but does not let pages from other sites call it with a token`,
    );
    await expect(page.locator('.sign-in .form-error')).toContainText('Use it with your VPS.org account');
    await expect(page.locator('#api-token')).toHaveValue(DEMO);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
