// 4. In headless Chromium, the app and the baseline, interleaved in one run: navigation → first
// table row painted (100 and 10,000 domains), one search keystroke → table painted (10,000),
// and memory after loading 10,000 domains and after reload / refresh cycles.
//
// Every time is taken in the page, on the page's own clock (performance.now(), whose zero is
// navigation start): an init script watches the DOM with a MutationObserver and takes the time
// after the next animation frame (requestAnimationFrame, then setTimeout 0: the frame has been
// painted). Memory comes from the DevTools protocol after a forced garbage collection.
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { median, percentile, sleep } from './util.mjs';

/** Runs in every page before its own scripts. */
function instrument(session) {
  sessionStorage.setItem('vps-admin.session', JSON.stringify(session));
  const bench = (window.__bench = {
    firstRowSeen: null,
    firstRow: null,
    lastMutation: 0,
    keys: [],
    currentKey: null,
    longTasks: [],
    listLoads: [],
    events: [],
    wasm: null,
    // First contentful paint, and the layout shifts (CLS: their sum, without those right after input).
    fcp: null,
    shifts: [],
    // Held here: an observer nothing refers to may be garbage-collected and go quiet.
    observers: [],
  });
  const observe = (callback, options) => {
    const observer = new PerformanceObserver(callback);
    observer.observe(options);
    bench.observers.push(observer);
  };
  // The release build's loader (scripts/build-release.mjs) says when the app has started.
  addEventListener('vps-admin-started', (event) => {
    bench.wasm = event.detail && event.detail.wasm;
  });
  // The last trusted click, on the page's clock (for a lazy route: click → painted).
  addEventListener('click', (event) => (bench.lastClick = event.timeStamp), true);
  const afterFrame = (callback) => requestAnimationFrame(() => setTimeout(() => callback(performance.now()), 0));
  // A status line that ticks by itself ("Updated 12 s ago", in an aria-live region) is not
  // the table answering a keystroke: its changes are left out of the keystroke timings.
  const inLiveRegion = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(element && element.closest('[aria-live]'));
  };
  new MutationObserver((records) => {
    const now = performance.now();
    bench.lastMutation = now;
    if (records.every((record) => inLiveRegion(record.target))) return;
    if (bench.firstRowSeen === null && document.querySelector('tr[data-domain]')) {
      bench.firstRowSeen = now;
      afterFrame((painted) => (bench.firstRow = painted));
    }
    const key = bench.currentKey;
    if (key && now - key.t0 < key.window) {
      key.lastMutation = now;
      key.mutations += 1;
      afterFrame((painted) => key.frames.push(painted));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  addEventListener(
    'keydown',
    (event) => {
      if (!event.target || event.target.id !== 'domain-search') return;
      // event.timeStamp: when the browser created the event, on the same clock as performance.now().
      const key = { t0: event.timeStamp, window: 290, mutations: 0, lastMutation: null, frames: [] };
      bench.keys.push(key);
      bench.currentKey = key;
      afterFrame((painted) => key.frames.push(painted));
    },
    true,
  );
  try {
    // Long animation frames (≥ 50 ms from the task that started them to their paint): what the
    // main thread was blocked for, including the rendering.
    observe(
      (list) => {
        for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration]);
      },
      { type: 'long-animation-frame', buffered: true },
    );
    // Event Timing (what INP is made of): from the key event to the next paint after its
    // handlers, as Chromium itself measures it (entries from 16 ms up, rounded to 8 ms).
    observe(
      (list) => {
        for (const entry of list.getEntries()) bench.events.push([entry.name, entry.startTime, entry.duration]);
      },
      { type: 'event', durationThreshold: 16, buffered: true },
    );
    observe(
      (list) => {
        for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
      },
      { type: 'paint', buffered: true },
    );
    observe(
      (list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.shifts.push([entry.startTime, entry.value]);
      },
      { type: 'layout-shift', buffered: true },
    );
    // Whole-list loads (no search): the app's own background polls show up here.
    observe(
      (list) => {
        for (const entry of list.getEntries()) {
          const url = new URL(entry.name);
          if (url.pathname === '/api/v1/domains/' && !url.searchParams.has('search')) {
            bench.listLoads.push([entry.startTime, entry.responseEnd]);
          }
        }
      },
      { type: 'resource', buffered: true },
    );
  } catch (_) {
    // no long-task or resource timing: the figures that need it stay empty
  }
}

export class Bench {
  constructor(origin) {
    this.origin = origin;
  }

  async start() {
    this.browser = await launchChromium();
    this.version = this.browser.version();
  }

  async stop() {
    await this.browser?.close();
  }

  url(kind) {
    // The baseline's own file: a directory's address gets the app (the static host's fallback).
    return this.origin + (kind === 'app' ? '/domains' : '/baseline/index.html');
  }

  /** A fresh context (no cache) on `kind`'s page; `network` throttles it (see NETWORKS). */
  async open(kind, token, network = null) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(instrument, { base: `${this.origin}/api/v1/`, token });
    const page = await context.newPage();
    if (network?.conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network.conditions });
    }
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const listRequests = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/domains/') listRequests.push(request.url());
    });
    return { kind, context, page, errors, listRequests };
  }

  /** Navigates (or reloads) and waits for the first row to be painted; returns the page's marks. */
  async load(tab, { reload = false } = {}) {
    if (reload) await tab.page.reload({ waitUntil: 'commit' });
    else await tab.page.goto(this.url(tab.kind), { waitUntil: 'commit' });
    try {
      await tab.page.waitForFunction(() => window.__bench && window.__bench.firstRow !== null, null, {
        timeout: 60_000,
        polling: 50,
      });
    } catch (error) {
      throw new Error(`${tab.kind}: no table row within 60 s (${tab.errors.join('; ') || error.message})`);
    }
    return tab.page.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const find = (test) => entries.find((entry) => test(new URL(entry.name).pathname));
      const list = find((path) => path === '/api/v1/domains/');
      const wasm = find((path) => path.endsWith('.wasm'));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        firstRow: window.__bench.firstRow,
        fcp: window.__bench.fcp ?? NaN,
        firstRowInDom: window.__bench.firstRowSeen,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : NaN,
        wasmEnd: wasm ? wasm.responseEnd : NaN,
        listStart: list ? list.startTime : NaN,
        listEnd: list ? list.responseEnd : NaN,
        listBytes: list ? list.decodedBodySize : NaN,
        listTransfer: list ? list.encodedBodySize : NaN,
      };
    });
  }

  /** Waits until the page is quiet: no DOM change, no long task, no request for `quietMs`. */
  async settle(tab, { quietMs = 300, minMs = 0, timeoutMs = 15_000 } = {}) {
    const started = Date.now();
    if (minMs) await sleep(minMs);
    let pending = 0;
    const onRequest = () => pending++;
    const onDone = () => pending--;
    tab.page.on('request', onRequest);
    tab.page.on('requestfinished', onDone);
    tab.page.on('requestfailed', onDone);
    try {
      for (;;) {
        const quietFor = await tab.page.evaluate(() => {
          const b = window.__bench;
          const lastLong = b.longTasks.reduce((last, [start, duration]) => Math.max(last, start + duration), 0);
          return performance.now() - Math.max(b.lastMutation, lastLong);
        });
        if (quietFor >= quietMs && pending <= 0) return;
        if (Date.now() - started > timeoutMs) return;
        await sleep(Math.max(25, quietMs - quietFor));
      }
    } finally {
      tab.page.off('request', onRequest);
      tab.page.off('requestfinished', onDone);
      tab.page.off('requestfailed', onDone);
    }
  }

  /** Types one character into the search box; returns [handled ms, painted ms]. */
  async keystroke(tab, character) {
    const before = await tab.page.evaluate(() => window.__bench.keys.length);
    await tab.page.focus('#domain-search');
    await tab.page.keyboard.type(character);
    await tab.page.waitForFunction((n) => window.__bench.keys.length > n, before, { polling: 10 });
    // Everything the keystroke changes happens within the 290 ms window (the app's own search
    // request is debounced by 300 ms); then wait for the last frame after the last change.
    await sleep(300);
    await tab.page.waitForFunction(
      () => {
        const key = window.__bench.keys[window.__bench.keys.length - 1];
        return key.frames.length >= key.mutations + 1;
      },
      null,
      { polling: 10, timeout: 10_000 },
    );
    return tab.page.evaluate(() => {
      const key = window.__bench.keys[window.__bench.keys.length - 1];
      window.__bench.currentKey = null;
      const painted = Math.max(...key.frames) - key.t0;
      const handled = key.lastMutation === null ? NaN : key.lastMutation - key.t0;
      const end = key.t0 + painted;
      // A whole-list load answered within 1 s before the keystroke or during it: its parsing and
      // merging may be what the keystroke waited for.
      const overlapsListLoad = window.__bench.listLoads.some(([, done]) => done >= key.t0 - 1000 && done <= end);
      const blocked = window.__bench.longTasks
        .filter(([start, duration]) => start < end && start + duration > key.t0)
        .reduce((sum, [start, duration]) => sum + Math.min(end, start + duration) - Math.max(key.t0, start), 0);
      // The longest key/input event of this keystroke; none listed means under 16 ms.
      const nextPaint = window.__bench.events
        .filter(([name, start]) => /^(key|beforeinput|input)/.test(name) && start >= key.t0 - 1 && start <= end)
        .reduce((longest, [, , duration]) => Math.max(longest, duration), 16);
      return { painted, handled, mutations: key.mutations, overlapsListLoad, blocked, nextPaint };
    });
  }

  async clearSearch(tab) {
    await tab.page.fill('#domain-search', '');
  }

  async memory(tab) {
    const cdp = tab.cdp ?? (tab.cdp = await tab.context.newCDPSession(tab.page));
    await cdp.send('Performance.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name) => metrics.find((metric) => metric.name === name)?.value ?? NaN;
    const wasm = await tab.page.evaluate(() => {
      const instance = window.__bench.wasm;
      return instance && instance.memory ? instance.memory.buffer.byteLength : 0;
    });
    return { jsHeap: get('JSHeapUsedSize'), wasm, nodes: get('Nodes'), listeners: get('JSEventListeners') };
  }

  /** The in-page refresh: the same button in both (`.toolbar__refresh button`); waits for the
   * list request and for the button to be enabled again (the list has been merged). */
  async refresh(tab) {
    const before = tab.listRequests.length;
    await tab.page.locator('.toolbar__refresh button').click();
    const started = Date.now();
    while (tab.listRequests.length <= before) {
      if (Date.now() - started > 30_000) throw new Error(`${tab.kind}: the refresh made no list request`);
      await sleep(20);
    }
    await tab.page.waitForFunction(() => !document.querySelector('.toolbar__refresh button').disabled, null, {
      polling: 20,
      timeout: 60_000,
    });
  }
}

/** Navigation → first row, cold (fresh profile) then warm (reload, HTTP cache), interleaved. */
export async function measureLoads(bench, { token, runs, log }) {
  const samples = { app: [], baseline: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
    for (const kind of order) {
      const tab = await bench.open(kind, token);
      const cold = await bench.load(tab);
      await bench.settle(tab, { quietMs: 200 });
      const warm = await bench.load(tab, { reload: true });
      samples[kind].push({ cold, warm });
      log?.(`  ${kind} run ${run + 1}: cold ${cold.firstRow.toFixed(0)} ms, warm ${warm.firstRow.toFixed(0)} ms`);
      await tab.context.close();
    }
  }
  const summarize = (list) => {
    const pick = (phase, field) => median(list.map((sample) => sample[phase][field]));
    const out = {};
    for (const phase of ['cold', 'warm']) {
      out[phase] = {};
      for (const field of Object.keys(list[0][phase])) out[phase][field] = pick(phase, field);
    }
    out.samples = list.map((sample) => [sample.cold.firstRow, sample.warm.firstRow]);
    return out;
  };
  return { app: summarize(samples.app), baseline: summarize(samples.baseline) };
}

/**
 * The DevTools protocol's network emulation, as DevTools' own presets (throughput in bytes/s,
 * latency added to every request in ms).
 */
export const NETWORKS = [
  { name: 'loopback', conditions: null },
  {
    name: 'fast 4G (9 Mbit/s, 40 ms)',
    conditions: { latency: 40, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 },
  },
  {
    name: 'slow 4G (1.6 Mbit/s, 150 ms)',
    conditions: { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (0.75e6 / 8) | 0 },
  },
];

/**
 * Cold loads on each network profile, app and baseline interleaved: first contentful paint
 * (for the app, its shell), first row painted, and the layout shift (CLS) until the page is quiet.
 */
export async function measureNetworks(bench, { token, runs, log }) {
  const results = [];
  for (const network of NETWORKS) {
    const samples = { app: [], baseline: [] };
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
      for (const kind of order) {
        const tab = await bench.open(kind, token, network);
        const marks = await bench.load(tab);
        await bench.settle(tab, { quietMs: 300, minMs: 300 });
        const cls = await tab.page.evaluate(() => window.__bench.shifts.reduce((sum, [, value]) => sum + value, 0));
        samples[kind].push({ fcp: marks.fcp, firstRow: marks.firstRow, cls, wasmEnd: marks.wasmEnd, listEnd: marks.listEnd });
        if (tab.errors.length) throw new Error(`${kind}: ${tab.errors.join('; ')}`);
        await tab.context.close();
      }
      const last = (kind) => samples[kind][samples[kind].length - 1];
      log?.(
        `  ${network.name} run ${run + 1}: app FCP ${last('app').fcp.toFixed(0)} / row ${last('app').firstRow.toFixed(0)} ms, ` +
          `baseline ${last('baseline').fcp.toFixed(0)} / ${last('baseline').firstRow.toFixed(0)} ms`,
      );
    }
    const summarize = (list) => {
      const out = {};
      for (const field of Object.keys(list[0])) out[field] = median(list.map((sample) => sample[field]));
      out.maxCls = Math.max(...list.map((sample) => sample.cls));
      out.samples = list.map((sample) => [sample.fcp, sample.firstRow]);
      return out;
    };
    results.push({ name: network.name, app: summarize(samples.app), baseline: summarize(samples.baseline) });
  }
  return results;
}

/** The lazy routes timed: a link on the first screen, and what shows once its page is drawn. */
export const LAZY_ROUTES = [
  { name: '/register (the nav link)', link: 'nav.topbar__nav a[href="/register"]', painted: ['h1', 'Register a domain'] },
  { name: '/domains/:id (a row)', link: 'tr[data-domain] th a', painted: ['.overview', ''] },
];

/** Clicks `link` and resolves to the ms from the click to the frame that shows `painted`. */
async function clickToPainted(page, link, [selector, text]) {
  await page.evaluate(
    ([selector, text]) => {
      const bench = window.__bench;
      bench.routePainted = null;
      const shown = () => {
        const element = document.querySelector(selector);
        return element && element.textContent.includes(text);
      };
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (bench.routePainted = performance.now()), 0));
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    [selector, text],
  );
  await page.click(link);
  await page.waitForFunction(() => window.__bench.routePainted !== null, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => window.__bench.routePainted - window.__bench.lastClick);
}

/**
 * Each lazy route on each network: the first screen loaded cold, then a click on the route's
 * link to its page painted — cold (its chunk never fetched: the click's own pointer movement
 * may start the fetch, as a person's would), and warm (the table loaded again in the same
 * profile, the chunk in the HTTP cache, then the same click).
 */
export async function measureLazyRoutes(bench, { token, runs, log }) {
  const results = [];
  for (const network of NETWORKS) {
    for (const route of LAZY_ROUTES) {
      const samples = [];
      for (let run = 0; run < runs; run++) {
        const tab = await bench.open('app', token, network);
        await bench.load(tab);
        await bench.settle(tab, { quietMs: 300 });
        const cold = await clickToPainted(tab.page, route.link, route.painted);
        // Back to the table by a new load, in the same profile: the chunk is in the HTTP cache.
        await bench.load(tab);
        await bench.settle(tab, { quietMs: 300 });
        const warm = await clickToPainted(tab.page, route.link, route.painted);
        if (tab.errors.length) throw new Error(`${route.name}: ${tab.errors.join('; ')}`);
        samples.push({ cold, warm });
        log?.(`  ${network.name} ${route.name} run ${run + 1}: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`);
        await tab.context.close();
      }
      results.push({
        network: network.name,
        route: route.name,
        cold: median(samples.map((sample) => sample.cold)),
        warm: median(samples.map((sample) => sample.warm)),
        samples,
      });
    }
  }
  return results;
}

/** Search keystrokes at 10,000 domains, alternating between the two pages. */
export async function measureKeystrokes(bench, { token, terms, log }) {
  const tabs = { app: await bench.open('app', token), baseline: await bench.open('baseline', token) };
  for (const tab of Object.values(tabs)) {
    await bench.load(tab);
    await bench.settle(tab, { quietMs: 500, minMs: 1000 });
  }
  const requestsBefore = Object.fromEntries(Object.entries(tabs).map(([kind, tab]) => [kind, tab.listRequests.length]));
  const samples = { app: [], baseline: [] };
  const longTasks = { app: [], baseline: [] };
  let index = 0;
  for (const term of terms) {
    for (const tab of Object.values(tabs)) {
      await bench.clearSearch(tab);
      await bench.settle(tab, { quietMs: 300, minMs: 400 });
    }
    for (const character of term) {
      const order = index++ % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
      for (const kind of order) {
        const tab = tabs[kind];
        const mark = await tab.page.evaluate(() => performance.now());
        samples[kind].push(await bench.keystroke(tab, character));
        // Let the debounced work (the app's URL update and API search, 300 ms later) finish,
        // so that it never overlaps the next keystroke; its long tasks are recorded apart.
        await bench.settle(tab, { quietMs: 300, minMs: 500 });
        const tasks = await tab.page.evaluate(
          (since) => window.__bench.longTasks.filter(([start]) => start >= since),
          mark,
        );
        longTasks[kind].push(tasks.reduce((sum, [, duration]) => sum + duration, 0));
      }
    }
    log?.(
      `  "${term}": app ${samples.app.slice(-term.length).map((s) => s.painted.toFixed(0)).join('/')} ms, ` +
        `baseline ${samples.baseline.slice(-term.length).map((s) => s.painted.toFixed(0)).join('/')} ms`,
    );
  }
  const result = {};
  for (const [kind, tab] of Object.entries(tabs)) {
    const list = samples[kind];
    const clean = list.filter((s) => !s.overlapsListLoad);
    result[kind] = {
      n: list.length,
      nClean: clean.length,
      cleanPaintedP50: percentile(clean.map((s) => s.painted), 50),
      cleanPaintedP95: percentile(clean.map((s) => s.painted), 95),
      blockedP95: percentile(list.map((s) => s.blocked), 95),
      paintedP50: percentile(list.map((s) => s.painted), 50),
      paintedP95: percentile(list.map((s) => s.painted), 95),
      paintedMax: percentile(list.map((s) => s.painted), 100),
      nextPaintP50: percentile(list.map((s) => s.nextPaint), 50),
      nextPaintP95: percentile(list.map((s) => s.nextPaint), 95),
      handledP50: percentile(list.map((s) => s.handled), 50),
      handledP95: percentile(list.map((s) => s.handled), 95),
      longTaskMsPerKeyP50: percentile(longTasks[kind], 50),
      longTaskMsPerKeyP95: percentile(longTasks[kind], 95),
      listRequests: tab.listRequests.length - requestsBefore[kind],
      errors: tab.errors,
      samples: list.map((s) => Number(s.painted.toFixed(1))),
      overlapping: list.filter((s) => s.overlapsListLoad).map((s) => Number(s.painted.toFixed(1))),
    };
    await tab.context.close();
  }
  return result;
}

/** Memory at 10,000 domains: after the first load, after 1 and 5 page reloads, after 1 and 5
 * in-page refreshes of the list. */
export async function measureMemory(bench, { token, runs, log }) {
  const samples = { app: [], baseline: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
    for (const kind of order) {
      const tab = await bench.open(kind, token);
      const quiet = () => bench.settle(tab, { quietMs: 500, minMs: 500 });
      await bench.load(tab);
      await quiet();
      const sample = { loaded: await bench.memory(tab) };
      for (let cycle = 1; cycle <= 5; cycle++) {
        await bench.load(tab, { reload: true });
        await quiet();
        if (cycle === 1) sample.reload1 = await bench.memory(tab);
        if (cycle === 5) sample.reload5 = await bench.memory(tab);
      }
      for (let cycle = 1; cycle <= 5; cycle++) {
        await bench.refresh(tab);
        await quiet();
        if (cycle === 1) sample.refresh1 = await bench.memory(tab);
        if (cycle === 5) sample.refresh5 = await bench.memory(tab);
      }
      samples[kind].push(sample);
      const mbOf = (m) => `${((m.jsHeap + m.wasm) / 1e6).toFixed(1)}`;
      log?.(
        `  ${kind} run ${run + 1}: JS+wasm MB loaded ${mbOf(sample.loaded)}, reload1 ${mbOf(sample.reload1)}, ` +
          `reload5 ${mbOf(sample.reload5)}, refresh1 ${mbOf(sample.refresh1)}, refresh5 ${mbOf(sample.refresh5)}`,
      );
      await tab.context.close();
    }
  }
  const summarize = (list) => {
    const out = {};
    for (const point of Object.keys(list[0])) {
      out[point] = {};
      for (const field of Object.keys(list[0][point])) out[point][field] = median(list.map((s) => s[point][field]));
    }
    return out;
  };
  return { app: summarize(samples.app), baseline: summarize(samples.baseline) };
}
