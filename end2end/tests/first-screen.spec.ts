/**
 * The first screen: index.html's shell, painted before the wasm has arrived, is the app's own
 * first frame (the same boxes), and the load from the shell to the filled table shifts nothing.
 */
import { type Page } from '@playwright/test';
import { test, expect, DEMO, SEED_NAMES, capture, forbid, rows } from './support';

/** Where the parts of the frame are, in CSS pixels. */
async function frame(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() =>
    Object.fromEntries(
      ['.topbar', '.topbar__nav', 'h1', '.page__subtitle', '.page__header .button', '.risks', '.toolbar', '.segmented', '.domains thead', 'tbody tr'].map(
        (selector) => {
          const box = document.querySelector(selector)?.getBoundingClientRect();
          return [selector, box ? [box.x, box.y, box.width, box.height].map(Math.round).join(',') : null];
        },
      ),
    ),
  );
}

/** A held response: the route waits until `release()`. */
function hold(): { wait: Promise<void>; release: () => void } {
  let release = () => {};
  const wait = new Promise<void>((resolve) => (release = resolve));
  return { wait, release };
}

for (const width of [1280, 375]) {
  test(`the shell before the wasm is the app's first frame, at ${width} px`, async ({ page, browser, baseURL }) => {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    // The shell alone: the wasm never arrives.
    const wasm = hold();
    await page.route('**/*.wasm', async (route) => {
      await wasm.wait;
      await route.abort();
    });
    await page.goto('/domains');
    await expect(page.locator('#shell .skeleton-row')).toHaveCount(8);
    const shell = await frame(page);
    await capture(page, 'shell');

    // The app, with its list on its way (a remembered session, the list held back).
    const context = await browser.newContext({ viewport: { width, height: width === 375 ? 812 : 800 } });
    const app = await context.newPage();
    await app.addInitScript(
      (session) => sessionStorage.setItem('vps-admin.session', JSON.stringify(session)),
      { base: `${baseURL}/api/v1/`, token: DEMO },
    );
    const list = hold();
    await app.route('**/api/v1/domains/', async (route) => {
      await list.wait;
      await route.continue();
    });
    await app.goto(`${baseURL}/domains`);
    await expect(app.locator('.skeleton-row')).toHaveCount(8);
    await expect(app.locator('#shell')).toHaveCount(0);
    expect(await frame(app), 'the app renders the shell’s frame').toEqual(shell);

    // The list arrives: everything above the table stays where it was.
    list.release();
    await expect(rows(app)).toHaveCount(SEED_NAMES.length);
    // (Texts change, so some boxes change width; what may not change is where anything starts,
    // nor the size of the frame's blocks.)
    const filled = await frame(app);
    const start = (box: string | null) => box?.split(',').slice(0, 2).join(',');
    for (const part of Object.keys(shell).filter((part) => part !== 'tbody tr')) {
      expect(start(filled[part]), `${part} starts where it did`).toBe(start(shell[part]));
    }
    for (const part of ['.topbar', '.risks', '.toolbar', '.domains thead']) {
      expect(filled[part], part).toBe(shell[part]);
    }
    await context.close();
    wasm.release();
  });
}

test('from the shell to the filled table, the layout shifts by less than 0.02 (CLS)', async ({ page, baseURL }) => {
  await page.addInitScript((session) => {
    sessionStorage.setItem('vps-admin.session', JSON.stringify(session));
    const shifts: Array<{ value: number; what: string }> = [];
    (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
    type Shift = { value: number; hadRecentInput: boolean; sources: Array<{ node?: Node; previousRect: DOMRect; currentRect: DOMRect }> };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Shift[]) {
        if (entry.hadRecentInput) continue;
        const what = entry.sources
          .map(({ node, previousRect: a, currentRect: b }) => `${node?.nodeName} ${node instanceof Element ? node.className : ''} (${a.x},${a.y} ${a.width}×${a.height} → ${b.x},${b.y} ${b.width}×${b.height})`)
          .join('; ');
        shifts.push({ value: entry.value, what });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  }, { base: `${baseURL}/api/v1/`, token: DEMO });
  await page.goto('/domains');
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  // Everything the load asked for has arrived and been drawn: later shifts would be the
  // app's own doing, not the load's.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Array<{ value: number; what: string }> }).__shifts);
  const cls = shifts.reduce((sum, shift) => sum + shift.value, 0);
  expect(cls, JSON.stringify(shifts, null, 1)).toBeLessThan(0.02);
});

test('a remembered session: index.html asks for the list while the wasm loads, and the app uses that answer', async ({
  page,
  baseURL,
  watch,
}) => {
  await page.addInitScript((session) => sessionStorage.setItem('vps-admin.session', JSON.stringify(session)), {
    base: `${baseURL}/api/v1/`,
    token: DEMO,
  });
  const lists: string[] = [];
  const wasm = hold();
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/domains/') lists.push(request.url());
  });
  // The wasm held back: the list is asked for before the app has run at all.
  await page.route('**/*.wasm', async (route) => {
    await wasm.wait;
    await route.continue();
  });
  await page.goto('/domains');
  await expect.poll(() => lists.length).toBe(1);
  // From here to the end of the test, a second whole-list request fails it.
  await forbid(
    page,
    watch,
    (url) => url.pathname === '/api/v1/domains/' && url.search === '',
    'GET',
    'one list request in all: the app took the early answer',
  );
  wasm.release();
  await expect(rows(page)).toHaveCount(SEED_NAMES.length);
  await page.waitForLoadState('networkidle');
  expect(lists, 'one list request in all: the app took the early answer').toEqual([`${baseURL}/api/v1/domains/`]);
});
