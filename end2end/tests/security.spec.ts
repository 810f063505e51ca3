/**
 * The token stays in memory (or, when asked, in sessionStorage): never in localStorage, a URL,
 * the console or the page. The static host's headers hold, and the CSP watch used around every
 * test really sees a violation when there is one.
 */
import {
  test,
  expect,
  DEMO,
  type Watch,
  expectNoTokenInLocalStorage,
  rows,
  signIn,
  signInOnLayer,
  watchPage,
} from './support';

test('the token is never in localStorage, a URL, a cookie, the console or the page', async ({ page, context, watch }) => {
  // A wrong token is a secret too.
  const wrong = 'wrong-but-secret-token-0123';
  await page.goto('/domains');
  await page.locator('#api-token').fill(wrong);
  await page.locator('.sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.sign-in .form-error')).toContainText('refused this token');

  await page.locator('#api-token').fill(DEMO);
  await page.locator('.sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect(rows(page)).toHaveCount(9);

  // Walk the app a little, so that every kind of request has been made.
  await rows(page).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await page.locator('#domain-name').fill('secret-check.com');

  const storage = await page.evaluate(() => ({
    local: JSON.stringify(Object.entries(localStorage)),
    session: JSON.stringify(Object.entries(sessionStorage)),
    cookie: document.cookie,
    // The token field is emptied after signing in; nothing else shows it.
    html: document.documentElement.outerHTML,
    inputs: Array.from(document.querySelectorAll('input')).map((input) => input.value),
  }));
  for (const secret of [DEMO, wrong]) {
    expect(storage.local).not.toContain(secret);
    expect(storage.session, 'not remembered unless asked').not.toContain(secret);
    expect(storage.cookie).not.toContain(secret);
    expect(storage.html).not.toContain(secret);
    expect(storage.inputs.join('\n')).not.toContain(secret);
    expect(watch.urls.filter((url) => url.includes(secret))).toEqual([]);
    expect(watch.console.filter((line) => line.includes(secret))).toEqual([]);
  }
  expect((await context.cookies()).filter((cookie) => cookie.value.includes(DEMO))).toEqual([]);
  expect(watch.urls.some((url) => url.includes('/api/v1/domains/'))).toBe(true);
});

test('“Remember” keeps the token in this tab’s sessionStorage only, and signing out forgets it', async ({ page }) => {
  await signIn(page, { remember: true });
  await expect(rows(page)).toHaveCount(9);
  const kept = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  expect(kept).toContain(DEMO);
  await expectNoTokenInLocalStorage(page);

  await page.reload();
  await expect(rows(page)).toHaveCount(9);
  await expect(page.locator('.sign-in')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('.sign-in')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)))).not.toContain(DEMO);
  await expect(page.locator('#api-token')).toHaveValue('');
  // Nothing of the account is left on the page behind the sign-in layer.
  await expect(rows(page)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.sign-in')).toBeVisible();
  await signInOnLayer(page);
  await expect(rows(page)).toHaveCount(9);
});

test('the static host sends a strict CSP and the other safety headers, deep links included', async ({ request }) => {
  for (const path of ['/', '/domains', '/domains/101/transfer', '/register?x=1']) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(200);
    const headers = answer.headers();
    const csp = headers['content-security-policy'];
    expect(csp, path).toContain("default-src 'self'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(await answer.text()).toContain('>Domains · VPS.org admin</title>');
  }
});

test('the CSP watch is not blind: an inline script on this origin is reported', async ({ browser, baseURL }) => {
  // A page of its own, with its own record, so this deliberate violation is not the suite's.
  const probe: Watch = { cspViolations: [], console: [], pageErrors: [], urls: [], forbidden: [] };
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchPage(page, probe);
  await page.goto(`${baseURL}/domains`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
  });
  await expect.poll(() => probe.cspViolations.length).toBeGreaterThan(0);
  expect(probe.cspViolations[0]).toContain('script-src');
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await context.close();
});
