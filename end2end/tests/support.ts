/**
 * What every spec shares: the sandbox's own controls, signing in, the checks that run around
 * every test (no CSP violation, no token in a URL, in localStorage or on the console, no
 * uncaught error), axe-core, screenshots at two widths, and keyboard-only navigation.
 */
import { test as base, expect, type APIRequestContext, type Locator, type Page, type Route } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

export { expect };

/** The sandbox's seed, described once: sandbox/seed.json, which the sandbox itself reads. */
interface SeedFile {
  accounts: Array<{ id: number; token: string; balance_cents: number }>;
  domains: Array<{ id: number; account: number; domain_name: string; auth_code: string | null }>;
}
const seedFile: SeedFile = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../sandbox/seed.json'), 'utf8'));
const [demoAccount, otherAccount] = seedFile.accounts;

export const DEMO = demoAccount.token;
export const OTHER = otherAccount.token;
const TOKENS = [DEMO, OTHER];

/** A seed domain by its ASCII name. */
function seedDomain(name: string): SeedFile['domains'][number] {
  const domain = seedFile.domains.find((candidate) => candidate.domain_name === name);
  if (!domain) throw new Error(`sandbox/seed.json has no ${name}`);
  return domain;
}

/** The seed's auth code for legacy-shop.com (106). */
export const LEGACY_AUTH_CODE = seedDomain('legacy-shop.com').auth_code ?? '';

/** The demo account's seed, by id: the ASCII names the table rows carry in `data-domain`. */
export const SEED: Record<number, string> = Object.fromEntries(
  seedFile.domains.filter((domain) => domain.account === demoAccount.id).map((domain) => [domain.id, domain.domain_name]),
);
export const SEED_NAMES = Object.values(SEED);

const SCREENSHOT_DIR = path.resolve(__dirname, '../../target/screenshots');
export const WIDTHS = [1280, 375] as const;

/** The sandbox's controls (`/sandbox/…`) and a look at the API as the tests' own client. */
export class Sandbox {
  constructor(private readonly http: APIRequestContext) {}

  async reset(): Promise<void> {
    const answer = await this.http.post('/sandbox/reset');
    expect(answer.status(), 'POST /sandbox/reset').toBe(200);
  }

  /** The account's balance, in cents (the API says dollars; compare whole cents). */
  async balanceCents(token = DEMO): Promise<number> {
    const answer = await this.http.get('/sandbox/account', { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(200);
    return Math.round((await answer.json()).balance * 100);
  }

  async setBalance(dollars: number, token = DEMO): Promise<void> {
    const answer = await this.http.put('/sandbox/account', {
      headers: { Authorization: `Bearer ${token}` },
      data: { balance: dollars },
    });
    expect(answer.status()).toBe(200);
  }

  /** Moves the sandbox's clock on; what falls due (activations, transfers) runs at once. */
  async advanceClock(seconds: number): Promise<void> {
    const answer = await this.http.post('/sandbox/clock', { data: { advance_seconds: seconds } });
    expect(answer.status()).toBe(200);
  }

  /** The account's domains whose name contains `search`, as the API lists them. */
  async domains(search = '', token = DEMO): Promise<Array<{ id: number; domain_name: string; status: string }>> {
    const query = search ? `?search=${encodeURIComponent(search)}` : '';
    const answer = await this.http.get(`/api/v1/domains/${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status()).toBe(200);
    return (await answer.json()).results;
  }

  /** Adds `count` generated domains to the account (the `/sandbox/generate` control). */
  async generate(count: number, token = DEMO): Promise<void> {
    const answer = await this.http.post('/sandbox/generate', {
      headers: { Authorization: `Bearer ${token}` },
      data: { count },
    });
    expect(answer.status(), 'POST /sandbox/generate').toBe(200);
  }

  /** Removes a domain from the account through the API, as another tab or person would. */
  async remove(id: number, token = DEMO): Promise<void> {
    const answer = await this.http.delete(`/api/v1/domains/${id}/`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(204);
  }

  async domain(id: number, token = DEMO): Promise<Record<string, any>> {
    const answer = await this.http.get(`/api/v1/domains/${id}/`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(200);
    return answer.json();
  }
}

/** What a page did that the suite watches for, whatever the test. */
export interface Watch {
  cspViolations: string[];
  console: string[];
  pageErrors: string[];
  urls: string[];
  /** Requests a test said must not happen (`forbid`): each what, and what came anyway. */
  forbidden: Array<{ what: string; sent: string[] }>;
}

/** Starts watching a page: call before its first navigation. */
export async function watchPage(page: Page, watch: Watch): Promise<void> {
  await page.exposeFunction('__e2eCspViolation', (text: string) => watch.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __e2eCspViolation?: (text: string) => void }).__e2eCspViolation;
      report?.(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => watch.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  page.on('request', (request) => watch.urls.push(request.url()));
  page.on('framenavigated', (frame) => watch.urls.push(frame.url()));
}

/** The checks that hold after every test, on every page it used. */
export async function checkWatch(pages: Page[], watch: Watch): Promise<void> {
  expect(watch.cspViolations, 'securitypolicyviolation events').toEqual([]);
  expect(
    watch.console.filter((line) => /Content Security Policy|Refused to/i.test(line)),
    'CSP messages on the console',
  ).toEqual([]);
  expect(watch.pageErrors, 'uncaught errors (a wasm panic kills the app)').toEqual([]);
  expect(watch.console.filter((line) => /panicked at|RuntimeError|unreachable/i.test(line))).toEqual([]);
  for (const token of TOKENS) {
    expect(watch.console.filter((line) => line.includes(token)), 'the token on the console').toEqual([]);
    expect(watch.urls.filter((url) => url.includes(token)), 'the token in a URL').toEqual([]);
  }
  for (const { what, sent } of watch.forbidden) expect(sent, what).toEqual([]);
  for (const page of pages) {
    if (page.isClosed()) continue;
    await expectNoTokenInLocalStorage(page);
  }
}

/**
 * From now on, until the test ends or `lift()`, a `method` request to `url` is refused and
 * fails the test, however late it comes: "nothing more is sent" said without sleeping. Routes
 * added later (including one added by `lift()`'s caller) take precedence.
 */
export async function forbid(
  page: Page,
  watch: Watch,
  url: string | RegExp | ((url: URL) => boolean),
  method: string,
  what: string,
): Promise<{ lift: () => Promise<void> }> {
  const record = { what, sent: [] as string[] };
  watch.forbidden.push(record);
  const refuse = async (route: Route): Promise<void> => {
    if (route.request().method() !== method) return route.fallback();
    record.sent.push(`${method} ${route.request().url()}`);
    await route.abort('blockedbyclient');
  };
  await page.route(url, refuse);
  return {
    lift: async () => {
      await page.unroute(url, refuse);
      expect(record.sent, what).toEqual([]);
    },
  };
}

export async function expectNoTokenInLocalStorage(page: Page): Promise<void> {
  const stored = await page
    .evaluate(() => JSON.stringify(Object.entries(window.localStorage)))
    .catch(() => '[]');
  for (const token of TOKENS) {
    expect(stored.includes(token), `localStorage holds a token: ${stored}`).toBe(false);
  }
}

type Fixtures = {
  sandbox: Sandbox;
  watch: Watch;
  /** Extra pages a test opens (a second browser context); checked like the main page. */
  extraPages: Page[];
};

export const test = base.extend<Fixtures>({
  sandbox: async ({ request }, use) => {
    const sandbox = new Sandbox(request);
    // Every test starts from the seed, with the clock at zero offset.
    await sandbox.reset();
    await use(sandbox);
  },
  watch: async ({}, use) => {
    await use({ cspViolations: [], console: [], pageErrors: [], urls: [], forbidden: [] });
  },
  extraPages: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, sandbox, watch, extraPages }, use) => {
    void sandbox;
    await watchPage(page, watch);
    await use(page);
    await checkWatch([page, ...extraPages], watch);
  },
});

/** Opens `path` (a full page load, so the sign-in layer shows) and signs in. */
export async function signIn(
  page: Page,
  { token = DEMO, remember = false, path: where = '/domains' }: { token?: string; remember?: boolean; path?: string } = {},
): Promise<void> {
  await page.goto(where);
  await signInOnLayer(page, { token, remember });
}

/** Signs in on the sign-in layer already shown (after a load or a 401). */
export async function signInOnLayer(page: Page, { token = DEMO, remember = false } = {}): Promise<void> {
  const layer = page.locator('.sign-in');
  await expect(layer).toBeVisible();
  await layer.locator('#api-token').fill(token);
  if (remember) await layer.getByRole('checkbox', { name: /Remember/ }).check();
  await layer.getByRole('button', { name: 'Sign in' }).click();
  await expect(layer).toBeHidden();
}

/** Opens `path` and signs in with the keyboard alone: the token field has the focus; Enter submits. */
export async function signInByKeyboard(page: Page, { token = DEMO, path: where = '/domains' } = {}): Promise<void> {
  await page.goto(where);
  await expect(page.locator('#api-token')).toBeFocused();
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await expect(page.locator('.sign-in')).toHaveCount(0);
}

/** A route handler for `method` requests; every other request goes on to the server unchanged. */
export function only(method: string, handle: (route: Route) => Promise<void>) {
  return async (route: Route): Promise<void> => (route.request().method() === method ? handle(route) : route.fallback());
}

/**
 * A route handler for the first `method` request only; every other request goes on to the
 * server. (Playwright's `times: 1` would count a background GET the handler passed on.)
 */
export function firstOf(method: string, handle: (route: Route) => Promise<void>) {
  let used = false;
  return async (route: Route): Promise<void> => {
    if (used || route.request().method() !== method) return route.fallback();
    used = true;
    return handle(route);
  };
}

/** The table row of one domain (by its ASCII name). */
export function row(page: Page, asciiName: string): Locator {
  return page.locator(`tr[data-domain="${asciiName}"]`);
}

export function rows(page: Page): Locator {
  return page.locator('tr[data-domain]');
}

/** The ASCII names of the rows shown, in order, read once: wrap it in `expect.poll`. */
export async function shownNames(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-domain') ?? ''));
}

/** The value beside `term` in the domain page's overview. */
export function overviewValue(page: Page, term: string): Locator {
  const exactly = new RegExp(`^${term}$`);
  return page.locator('.overview .summary-list > div', { has: page.locator('dt', { hasText: exactly }) }).locator('dd');
}

/** The open modal dialog. */
export function openDialog(page: Page): Locator {
  return page.locator('dialog[open]');
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  expect(serious, `axe-core: serious or critical violations on "${label}"`).toEqual([]);
}

/**
 * One page (or dialog) as it is now: axe-core at both widths, and a full-page screenshot at
 * each, saved as target/screenshots/<name>-<width>.png.
 */
export async function capture(page: Page, name: string, { viewportOnly = false } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  // A modal's backdrop and the sign-in layer cover the viewport, not the whole page: show what
  // a person sees.
  // So does a page with something sticky at the viewport's bottom (`viewportOnly`).
  const modal = (await openDialog(page).count()) + (await page.locator('.sign-in-layer').count()) > 0;
  for (const width of WIDTHS) {
    const height = width === 375 ? 812 : 800;
    await page.setViewportSize({ width, height });
    // No hover left over from the last click.
    await page.mouse.move(width - 1, height - 1);
    // One frame for the layout to settle at the new width.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    await expectAccessible(page, `${name} at ${width} px`);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`),
      fullPage: !modal && !viewportOnly,
      animations: 'disabled',
      caret: 'hide',
    });
  }
  await page.setViewportSize(original);
}

/** Whether `target` has the keyboard focus. */
async function focused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement).catch(() => false);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus: the keyboard-only way to reach a
 * control, and a check that it can be reached at all.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses <= max; presses++) {
    if (await focused(target)) {
      // The focus must be visible where it lands.
      const outline = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}`;
      });
      expect(outline, 'a visible focus indicator').not.toMatch(/^none 0px none$/);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} could not be reached with ${backwards ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
}

/** Tabs to `target` and presses `key` on it (Enter for links and buttons, Space for checkboxes). */
export async function keyTo(page: Page, target: Locator, key = 'Enter', options: { backwards?: boolean } = {}) {
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}
