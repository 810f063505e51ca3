#!/usr/bin/env node
// A Chromium performance trace of one page load (app and baseline, 100 or 10,000 domains):
// what the renderer's main thread does from navigation to the first table row, in order, with
// the network events of the list. Saves the trace (DevTools → Performance → Load profile).
//
//   node bench/trace-load.mjs [--dist dist] [--domains 100|10000] [--out /tmp/vps-traces]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from './lib/browser.mjs';
import { assembleSite, DEMO_TOKEN, OTHER_TOKEN, seedTo, startSandbox } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const valueOf = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = resolve(valueOf('--dist', join(root, 'dist')));
const domains = Number(valueOf('--domains', 100));
const out = resolve(valueOf('--out', '/tmp/vps-traces'));

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'netlog',
].join(',');

/** The main thread's top-level slices between navigation start and the first row. */
function summarize(events, marks) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.ph === 'M');
  const navigation = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming' || e.name === 'markAsMainFrame');
  const tid = main?.tid;
  const pid = main?.pid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur >= 1000);
  // The page's clock: performance.now() 0 is navigationStart on this trace's clock.
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === pid)?.ts ?? navigation?.ts ?? onMain[0]?.ts;
  const end = start + marks.firstRow * 1000;
  const topLevel = [];
  let current = null;
  const label = (e) => {
    const data = e.args?.data ?? {};
    const what = data.functionName || (data.url ? data.url.split('/').pop() : '') || data.type || '';
    return what ? `${e.name}(${what.slice(0, 40)})` : e.name;
  };
  for (const e of onMain.sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    if (e.ts < start || e.ts > end) continue;
    if (current && e.ts < current.ts + current.dur) {
      // Inside the current top-level task: keep its biggest named parts.
      if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') current.parts.push([e.dur / 1000, label(e)]);
      continue;
    }
    current = { ts: e.ts, dur: e.dur, parts: [] };
    topLevel.push(current);
  }
  return topLevel.map((task) => {
    const parts = task.parts.sort((a, b) => b[0] - a[0]).slice(0, 4).map(([ms, name]) => `${name} ${ms.toFixed(1)}`);
    return [(task.ts - start) / 1000, task.dur / 1000, parts.join(', ') || 'RunTask', ''];
  });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'vps-trace-'));
  const site = assembleSite(dist, join(here, 'baseline'));
  const server = await startSandbox({ binary: join(root, 'target/release/vps-sandbox'), staticDir: site, db: join(tmp, 't.db') });
  const token = domains >= 1000 ? DEMO_TOKEN : OTHER_TOKEN;
  const bench = new Bench(server.origin);
  try {
    await seedTo(server.origin, token, domains);
    await bench.start();
    for (const kind of ['app', 'baseline']) {
      const tab = await bench.open(kind, token);
      await tab.page.goto(`${server.origin}/sandbox/clock`);
      const cdp = await tab.context.newCDPSession(tab.page);
      const events = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      const done = new Promise((resolveDone) => cdp.once('Tracing.tracingComplete', resolveDone));
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      const marks = await bench.load(tab);
      await bench.settle(tab, { quietMs: 200 });
      await cdp.send('Tracing.end');
      await done;
      const file = join(out, `${kind}-load-${domains}.json`);
      writeFileSync(file, JSON.stringify({ traceEvents: events }));
      console.log(`\n${kind}, ${domains} domains: ${JSON.stringify(Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)])))}`);
      console.log('main thread, slices ≥ 1 ms from navigation to the first row (ms from navigation start):');
      for (const [at, duration, name, detail] of summarize(events, marks)) {
        console.log(`  ${at.toFixed(1).padStart(7)}  ${duration.toFixed(1).padStart(6)} ms  ${name} ${detail}`);
      }
      console.log(`trace: ${file}`);
      await tab.context.close();
    }
  } finally {
    await bench.stop();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
