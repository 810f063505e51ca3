// 4b. Selection and bulk changes at 10,000 domains (issue 10), in the app alone (the baseline
// has no selection): "Select all N matching", the view exported as CSV and iCalendar, and a
// change applied to ~1,000 domains while the search box is typed into and the page scrolled.
//
// All times are the page's own (performance.now()). What blocked the main thread comes from
// Chromium's Long Animation Frames (LoAF: a frame's tasks up to its paint, with the scripts that
// ran in them) and Long Tasks; the latency of clicks and keystrokes from Event Timing.
import { median, percentile, sleep } from './util.mjs';

/** Runs in every page before its own scripts, beside browser.mjs's instrument(). */
function instrumentBulk() {
  const bulk = (window.__bulk = {
    frames: [],
    tasks: [],
    events: [],
    clicks: [],
    keys: [],
    wheels: [],
    scrolls: [],
    blobs: [],
    downloads: [],
    details: [],
    observers: [],
  });
  const observe = (callback, options) => {
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(callback));
    observer.observe(options);
    bulk.observers.push(observer);
  };
  observe(
    (entry) =>
      bulk.frames.push({
        start: entry.startTime,
        duration: entry.duration,
        blocking: entry.blockingDuration,
        render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
        scripts: entry.scripts.map((script) => ({
          invoker: script.invoker,
          type: script.invokerType,
          source: script.sourceURL,
          duration: script.duration,
          layout: script.forcedStyleAndLayoutDuration,
        })),
      }),
    { type: 'long-animation-frame', buffered: true },
  );
  observe((entry) => bulk.tasks.push([entry.startTime, entry.duration]), { type: 'longtask', buffered: true });
  observe(
    (entry) => bulk.events.push({ name: entry.name, start: entry.startTime, duration: entry.duration }),
    { type: 'event', durationThreshold: 16, buffered: true },
  );
  // The batch's requests: every read or change of one domain (the list and its poll are not).
  observe(
    (entry) => {
      if (/^\/api\/v1\/domains\/\d+\/$/.test(new URL(entry.name).pathname)) bulk.details.push([entry.startTime, entry.responseEnd]);
    },
    { type: 'resource', buffered: true },
  );

  const afterFrame = (callback) => requestAnimationFrame(() => setTimeout(() => callback(performance.now()), 0));
  // A click's DOM changes within 1 s and the frames painted after them ("Updated 12 s ago"
  // ticks by itself and is left out).
  addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const click = { t0: event.timeStamp, label: event.target.textContent.trim(), mutations: 0, lastMutation: null, frames: [] };
      bulk.clicks.push(click);
      afterFrame((painted) => click.frames.push(painted));
    },
    true,
  );
  new MutationObserver((records) => {
    const click = bulk.clicks[bulk.clicks.length - 1];
    const now = performance.now();
    if (!click || now - click.t0 > 1000) return;
    if (records.every((record) => (record.target.parentElement || record.target).closest('.toolbar__refresh'))) return;
    click.mutations += 1;
    click.lastMutation = now;
    afterFrame((painted) => click.frames.push(painted));
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });

  // Input delay: from the key event's creation to the first listener, ours, on the window.
  addEventListener(
    'keydown',
    (event) => {
      if (event.target.id === 'domain-search') bulk.keys.push([event.timeStamp, performance.now()]);
    },
    true,
  );
  addEventListener('wheel', (event) => bulk.wheels.push(event.timeStamp), { capture: true, passive: true });
  addEventListener('scroll', () => bulk.scrolls.push(performance.now()), { capture: true, passive: true });

  // The export's file: when its Blob gets a URL, and when the <a download> is clicked.
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    if (object instanceof Blob) bulk.blobs.push({ at: performance.now(), size: object.size, type: object.type });
    return createObjectURL.call(this, object);
  };
  const click = HTMLElement.prototype.click;
  HTMLElement.prototype.click = function () {
    if (this instanceof HTMLAnchorElement && this.download) bulk.downloads.push({ at: performance.now(), name: this.download });
    return click.call(this);
  };
}

/** Figures of the page's marks between `from` and `to` (page time). */
async function marks(page, from, to) {
  return page.evaluate(
    ([from, to]) => {
      const b = window.__bulk;
      const overlaps = (start, duration) => start < to && start + duration > from;
      return {
        frames: b.frames.filter((frame) => overlaps(frame.start, frame.duration)),
        longestTask: b.tasks.filter(([start, duration]) => overlaps(start, duration)).reduce((max, [, d]) => Math.max(max, d), 0),
        events: b.events.filter((event) => event.start >= from - 1 && event.start <= to),
      };
    },
    [from, to],
  );
}

const longest = (frames, field = 'duration') => frames.reduce((max, frame) => Math.max(max, frame[field]), 0);

/** The page's trusted click number `index`, once the frames after its DOM changes are painted. */
async function clicked(page, index) {
  await page.waitForFunction(
    (n) => {
      const click = window.__bulk.clicks[n];
      return click && click.frames.length >= click.mutations + 1;
    },
    index,
    { polling: 20, timeout: 30_000 },
  );
  return page.evaluate((n) => window.__bulk.clicks[n], index);
}

/** The click's Event Timing duration (to the next paint after its handlers); 16 = under 16. */
function nextPaint(events, t0) {
  return events.filter((event) => event.name === 'click' && Math.abs(event.start - t0) < 1).reduce((max, e) => Math.max(max, e.duration), 16);
}

const bar = (page) => page.getByRole('region', { name: 'Selection' });
const digits = (text) => Number(text.replace(/[^\d]/g, ''));

/** Shows the bar (the page's box), then clicks "Select all N matching"; returns N and the click. */
async function selectAllMatching(bench, tab) {
  const { page } = tab;
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  const all = bar(page).getByRole('button', { name: /^Select all [\d,]+ matching$/ });
  const label = await all.innerText();
  await bench.settle(tab, { quietMs: 300 });
  const index = await page.evaluate(() => window.__bulk.clicks.length);
  await all.click();
  await bar(page).getByText(`${label.match(/[\d,]+/)[0]} selected`, { exact: true }).waitFor();
  return { count: digits(label), click: await clicked(page, index) };
}

/** "Select all 10,000 matching": the main thread's longest task and frame, and the paint. */
async function measureSelectAll(bench, tab) {
  const { count, click } = await selectAllMatching(bench, tab);
  // Performance entries are delivered after the frame, a little later.
  await bench.settle(tab, { quietMs: 300, minMs: 500 });
  const painted = Math.max(...click.frames);
  const m = await marks(tab.page, click.t0, painted);
  return {
    count,
    longestTask: m.longestTask,
    longestFrame: longest(m.frames),
    blocking: longest(m.frames, 'blocking'),
    nextPaint: nextPaint(m.events, click.t0),
    painted: painted - click.t0,
  };
}

/** One button of "Export this view": click → Blob, → download started, and what blocked. */
async function measureExport(bench, tab, button) {
  const { page } = tab;
  await bench.settle(tab, { quietMs: 300 });
  const index = await page.evaluate(() => window.__bulk.clicks.length);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('group', { name: 'Export this view' }).getByRole('button', { name: button }).click(),
  ]);
  const click = await clicked(page, index);
  await bench.settle(tab, { quietMs: 300, minMs: 500 });
  const { blob, started } = await page.evaluate((t0) => {
    const b = window.__bulk;
    return { blob: b.blobs.find((x) => x.at >= t0), started: b.downloads.find((x) => x.at >= t0) };
  }, click.t0);
  const m = await marks(page, click.t0, started.at);
  return {
    file: download.suggestedFilename(),
    bytes: blob.size,
    blob: blob.at - click.t0,
    started: started.at - click.t0,
    longestTask: m.longestTask,
    longestFrame: longest(m.frames),
    nextPaint: nextPaint(m.events, click.t0),
  };
}

/** Opens a fresh page on /domains at 10,000 domains, quiet. */
async function openQuiet(bench, token) {
  const tab = await bench.open('app', token);
  await tab.context.addInitScript(instrumentBulk);
  await bench.load(tab);
  await bench.settle(tab, { quietMs: 500, minMs: 1000 });
  return tab;
}

const TERMS = ['north', 'cloud', 'pixel', 'forge', 'media', 'harbor'];
const ACTION_MS = 150;

/**
 * Empties the search box, then types into it a key every 150 ms (a term, then Backspace over
 * it, the next term) and turns the mouse wheel over the table every fourth action (down from
 * the top, up otherwise: typing scrolls the box back into view), until `stop()` or `actions`;
 * returns the page-time window and the number of actions.
 */
async function typeAndScroll(page, { stop = async () => false, actions = Infinity }) {
  const keys = TERMS.flatMap((term) => [...term, ...Array(term.length).fill('Backspace')]);
  // Each term's prefixes match a page of rows or more, so there is a table to scroll.
  await page.fill('#domain-search', '');
  await page.mouse.move(640, 500);
  await sleep(500);
  const from = await page.evaluate(() => performance.now());
  let n = 0;
  let typed = 0;
  while (n < actions && !(await stop())) {
    if (n % 4 === 3) {
      const top = await page.evaluate(() => scrollY === 0);
      await page.mouse.wheel(0, top ? 400 : -400);
    } else {
      await page.keyboard.press(keys[typed++ % keys.length]);
    }
    n += 1;
    await sleep(ACTION_MS);
  }
  const to = await page.evaluate(() => performance.now());
  return { from, to, actions: n };
}

/** Keystroke and wheel latencies and the long frames within a window of `typeAndScroll`. */
async function responsiveness(page, { from, to }) {
  const m = await marks(page, from, to);
  const { keys, wheels } = await page.evaluate(
    ([from, to]) => {
      const b = window.__bulk;
      const keys = b.keys.filter(([t0]) => t0 >= from && t0 <= to);
      return {
        keys: keys.map(([t0, listened], i) => ({ t0, delay: listened - t0, next: keys[i + 1]?.[0] ?? to })),
        // Until the page's scroll listeners heard of it (scrolling itself may run off the main thread).
        wheels: b.wheels
          .filter((t0) => t0 >= from && t0 <= to)
          .map((t0) => (b.scrolls.find((at) => at >= t0 && at - t0 < 1000) ?? NaN) - t0),
      };
    },
    [from, to],
  );
  // Each keystroke's longest key or input event (to the next paint after its handlers).
  const keyPaints = keys.map(({ t0, next }) =>
    m.events.filter((e) => /^(key|beforeinput|input)/.test(e.name) && e.start >= t0 - 1 && e.start < next).reduce((max, e) => Math.max(max, e.duration), 16),
  );
  return { seconds: (to - from) / 1000, keyPaints, keyDelays: keys.map((k) => k.delay), wheels, frames: m.frames };
}

/** The batch's progress on the selection bar: "<title>: 12 of 1000 done, 1 failed". */
function progress(page) {
  return page.evaluate(() => {
    const text = document.querySelector('.selection-bar__batch span')?.textContent ?? '';
    const [, done, total, failed] = text.match(/(\d[\d,]*) of (\d[\d,]*) done(?:, (\d[\d,]*) failed)?/) ?? [];
    const n = (value) => Number((value ?? '0').replace(/,/g, ''));
    return { text, done: n(done), total: n(total), failed: n(failed), at: performance.now() };
  });
}

/** Reviews `change` in the open dialog: how many change, how many are left out, how long it took. */
async function reviewOf(dialog, change) {
  await dialog.getByRole('radio', { name: change, exact: true }).check();
  const started = Date.now();
  await dialog.getByRole('button', { name: 'Review' }).click();
  await dialog.getByRole('heading', { name: /^Review: / }).waitFor({ timeout: 300_000 });
  const apply = dialog.getByRole('button', { name: /^Apply to [\d,]+ domains?$/ });
  const changing = (await apply.count()) ? digits(await apply.innerText()) : 0;
  const summary = dialog.locator('.bulk-review__left-out summary');
  const leftOut = (await summary.count()) ? digits(await summary.innerText()) : 0;
  return { change, changing, leftOut, seconds: (Date.now() - started) / 1000, apply };
}

/**
 * Selects what the search `term` matches (all pages), reviews Lock and Unlock, applies the one
 * that changes more (so runs alternate and undo each other), closes the dialog and types and
 * scrolls until the bar says it is done; then the same typing and scrolling with no batch.
 */
async function measureApply(bench, tab, term) {
  const { page } = tab;
  await page.fill('#domain-search', term);
  await page.waitForURL((url) => url.searchParams.get('q') === term);
  await bench.settle(tab, { quietMs: 500 });
  const { count: selected } = await selectAllMatching(bench, tab);

  let reads = 0;
  let puts = 0;
  page.on('request', (request) => {
    if (!/^\/api\/v1\/domains\/\d+\/$/.test(new URL(request.url()).pathname)) return;
    if (request.method() === 'GET') reads += 1;
    if (request.method() === 'PUT') puts += 1;
  });
  await bar(page).getByRole('button', { name: /^Change [\d,]+ domains?…$/ }).click();
  const dialog = page.locator('dialog[open]');
  const unlock = await reviewOf(dialog, 'Unlock');
  const registrarReads = reads;
  await dialog.getByRole('button', { name: 'Back' }).click();
  let review = await reviewOf(dialog, 'Lock');
  const reviews = { Unlock: unlock.changing, Lock: review.changing };
  if (unlock.changing > review.changing) {
    await dialog.getByRole('button', { name: 'Back' }).click();
    review = await reviewOf(dialog, 'Unlock');
  }

  const index = await page.evaluate(() => window.__bulk.clicks.length);
  await review.apply.click();
  await dialog.getByRole('button', { name: /^Close/ }).click();
  const t0 = await page.evaluate((n) => window.__bulk.clicks[n].t0, index);
  let last;
  const finished = async () => {
    last = await progress(page);
    return last.total > 0 && last.done + last.failed >= last.total;
  };
  const during = await typeAndScroll(page, { stop: finished });
  while (!(await finished())) await sleep(100);
  const batch = await page.evaluate((t0) => window.__bulk.details.filter(([start]) => start >= t0), t0);
  const end = Math.max(...batch.map(([, end]) => end));
  const firstStart = Math.min(...batch.map(([start]) => start));
  const busy = await responsiveness(page, during);

  await bench.settle(tab, { quietMs: 500, minMs: 500 });
  const idle = await responsiveness(page, await typeAndScroll(page, { actions: during.actions }));
  if (tab.errors.length) throw new Error(`bulk: ${tab.errors.join('; ')}`);
  return {
    term,
    selected,
    change: review.change,
    changing: review.changing,
    leftOut: review.leftOut,
    reviews,
    reviewSeconds: unlock.seconds,
    registrarReads,
    done: last.done,
    failed: last.failed,
    puts,
    batchSeconds: (end - t0) / 1000,
    putsPerSecond: batch.length / ((end - firstStart) / 1000),
    // From the request's start to its answer's last byte: the sandbox and the network stack.
    answerMs: median(batch.map(([start, end]) => end - start)),
    busy,
    idle,
  };
}

/** The selection's figures at 10,000 domains; the change runs on the matches of `term`. */
export async function measureBulk(bench, { token, runs, term = 'hq', log }) {
  const selectAll = [];
  const exports = { csv: [], ics: [] };
  for (let run = 0; run < runs; run++) {
    const tab = await openQuiet(bench, token);
    const select = await measureSelectAll(bench, tab);
    selectAll.push(select);
    exports.csv.push(await measureExport(bench, tab, 'Export CSV'));
    exports.ics.push(await measureExport(bench, tab, 'Calendar (.ics)'));
    if (tab.errors.length) throw new Error(`bulk: ${tab.errors.join('; ')}`);
    await tab.context.close();
    const [csv, ics] = [exports.csv.at(-1), exports.ics.at(-1)];
    log?.(
      `  run ${run + 1}: select all ${select.count}: longest task ${select.longestTask.toFixed(0)} ms, frame ${select.longestFrame.toFixed(0)} ms, ` +
        `painted ${select.painted.toFixed(0)} ms; CSV ${csv.started.toFixed(0)} ms, ICS ${ics.started.toFixed(0)} ms`,
    );
  }
  const apply = [];
  for (let run = 0; run < runs; run++) {
    const tab = await openQuiet(bench, token);
    const result = await measureApply(bench, tab, term);
    apply.push(result);
    await tab.context.close();
    log?.(
      `  apply run ${run + 1}: ${result.change} on ${result.changing} of ${result.selected} ("${term}"), ` +
        `${result.batchSeconds.toFixed(1)} s, ${result.busy.frames.length} long frames (max ${longest(result.busy.frames).toFixed(0)} ms)`,
    );
  }
  const stats = (list, field) => ({ median: median(list.map((x) => x[field])), max: percentile(list.map((x) => x[field]), 100) });
  const summarize = (list) => Object.fromEntries(Object.keys(list[0]).filter((k) => typeof list[0][k] === 'number').map((k) => [k, stats(list, k)]));
  return {
    selectAll: { ...summarize(selectAll), samples: selectAll },
    csv: { ...summarize(exports.csv), samples: exports.csv },
    ics: { ...summarize(exports.ics), samples: exports.ics },
    apply,
  };
}
