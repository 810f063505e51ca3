#!/usr/bin/env node
// The benchmark harness (issue 5): prints figures, never a pass or fail. See bench/README.md.
//
//   node bench/run.mjs [--dist dist] [--sandbox target/release/vps-sandbox] [--runs 7]
//                      [--memory-runs 5] [--load-seconds 10] [--only size,browser,load]
//                      [--phases networks,loads100,loads10k,keys,memory,bulk] [--json results.json]
//
// `make bench` builds the release app and sandbox first, then runs this with the defaults.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench, measureKeystrokes, measureLazyRoutes, measureLoads, measureMemory, measureNetworks } from './lib/browser.mjs';
import { measureBulk } from './lib/bulk.mjs';
import { measureLoad } from './lib/load.mjs';
import { api, assembleSite, DEMO_TOKEN, idsOf, OTHER_TOKEN, seedTo, startSandbox } from './lib/server.mjs';
import { KINDS, measureSizes } from './lib/size.mjs';
import { ensureDebian, fmt, heading, kb, mb, percentile, printTable, ratio } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function options(argv) {
  const opts = {
    dist: join(root, 'dist'),
    sandbox: join(root, 'target/release/vps-sandbox'),
    runs: 7,
    memoryRuns: 5,
    loadSeconds: 10,
    only: ['size', 'browser', 'load'],
    phases: ['networks', 'lazy', 'loads100', 'loads10k', 'keys', 'memory', 'bulk'],
    json: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    switch (argv[i]) {
      case '--dist': opts.dist = resolve(value()); break;
      case '--sandbox': opts.sandbox = resolve(value()); break;
      case '--runs': opts.runs = Math.max(1, Number(value())); break;
      case '--memory-runs': opts.memoryRuns = Math.max(1, Number(value())); break;
      case '--load-seconds': opts.loadSeconds = Math.max(1, Number(value())); break;
      case '--only': opts.only = value().split(','); break;
      case '--phases': opts.phases = value().split(','); break;
      case '--json': opts.json = resolve(value()); break;
      case '--help':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 8).join('\n'));
        process.exit(0);
      default:
        throw new Error(`unknown option ${argv[i]}; see --help`);
    }
  }
  return opts;
}

const log = (text) => console.error(text);

function machine() {
  const version = (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    return `${result.stdout || ''}${result.stderr || ''}`.split('\n')[0].trim() || 'unknown';
  };
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    kernel: version('uname', ['-sr']),
    node: process.version,
    wrk: version('wrk', ['--version']).replace(/ Copyright.*/, ''),
  };
}

function printSizes(sizes) {
  heading('1. Shipped size (release build: raw, gzip -9, brotli -q 11; KB = 1000 bytes)');
  const rows = sizes.files.map((file) => [file.name, kb(file.raw), kb(file.gzip), kb(file.brotli)]);
  for (const kind of KINDS) {
    const k = sizes.byKind[kind];
    if (k.raw > 0) rows.push([`all .${kind}`, kb(k.raw), kb(k.gzip), kb(k.brotli)]);
  }
  rows.push(['TOTAL (.wasm + .js + .css + index.html)', kb(sizes.total.raw), kb(sizes.total.gzip), kb(sizes.total.brotli)]);
  // What the first screen downloads: everything but the chunks (split_* and the shared chunk_*).
  const firstScreen = sizes.files.filter((file) => !/^(split|chunk)_/.test(file.name));
  const sum = (files, field) => files.reduce((total, file) => total + file[field], 0);
  rows.push(['  of it the first screen (all but the chunks)', kb(sum(firstScreen, 'raw')), kb(sum(firstScreen, 'gzip')), kb(sum(firstScreen, 'brotli'))]);
  printTable(['file', 'raw KB', 'gzip KB', 'brotli KB'], rows);
  const budget = JSON.parse(readFileSync(join(root, 'bench/budget.json'), 'utf8'));
  console.log(
    `ceilings (bench/budget.json; make test checks them on a real page load): first screen ≤ ${kb(budget.first_screen_limit_bytes)} KB → ` +
      `${kb(sum(firstScreen, 'brotli'))} KB of files (+ the API's list); whole app ≤ ${kb(budget.whole_app_limit_bytes)} KB → ${kb(sizes.total.brotli)} KB`,
  );
}

function printNetworks(networks, runs) {
  heading(`4a. First screen on three networks, 100 domains, cold (DevTools network emulation; medians of ${runs})`);
  const rows = [];
  for (const { name, app, baseline } of networks) {
    rows.push([`${name}: first contentful paint (ms)`, fmt(app.fcp), fmt(baseline.fcp), ratio(app.fcp, baseline.fcp)]);
    rows.push([`${name}: first row painted (ms)`, fmt(app.firstRow), fmt(baseline.firstRow), ratio(app.firstRow, baseline.firstRow)]);
    rows.push([`  wasm / list response end (ms)`, `${fmt(app.wasmEnd, 0)} / ${fmt(app.listEnd, 0)}`, `– / ${fmt(baseline.listEnd, 0)}`, '']);
    rows.push([`  cumulative layout shift (median; max)`, `${fmt(app.cls, 3)}; ${fmt(app.maxCls, 3)}`, `${fmt(baseline.cls, 3)}; ${fmt(baseline.maxCls, 3)}`, '']);
  }
  printTable(['figure', 'app', 'baseline', 'app/baseline'], rows);
  const goals = { loopback: 1.2, 'fast 4G': 1.5, 'slow 4G': 2.0 };
  for (const { name, app, baseline } of networks) {
    const goal = Object.entries(goals).find(([prefix]) => name.startsWith(prefix))?.[1];
    console.log(
      `goal: ${name}: first row ≤ ${goal}× → ${ratio(app.firstRow, baseline.firstRow)}; ` +
        `shell painted ≤ 1.2× the baseline's first paint → ${ratio(app.fcp, baseline.fcp)}; CLS < 0.02 → ${fmt(app.maxCls, 3)} (max)`,
    );
  }
  for (const { name, app, baseline } of networks) {
    const show = (list) => list.map(([fcp, row]) => `${fcp.toFixed(0)}/${row.toFixed(0)}`).join(' ');
    console.log(`samples ${name} (FCP/first row ms), app: ${show(app.samples)}; baseline: ${show(baseline.samples)}`);
  }
}

function printLazy(lazy, runs) {
  heading(`4a′. Lazy routes: a click on the first screen → the route's page painted, 100 domains (medians of ${runs})`);
  const rows = lazy.map(({ network, route, cold, warm }) => [`${network}: ${route}`, fmt(cold), fmt(warm)]);
  printTable(['route', 'cold (ms)', 'warm (ms)'], rows);
  const goals = { loopback: 100, 'slow 4G': 1000 };
  for (const { network, route, cold, warm } of lazy) {
    const goal = Object.entries(goals).find(([prefix]) => network.startsWith(prefix))?.[1];
    if (goal) console.log(`goal: ${network}: ${route} painted ≤ ${goal} ms after the click → cold ${fmt(cold)}, warm ${fmt(warm)}`);
  }
  for (const { network, route, samples } of lazy) {
    console.log(`samples ${network} ${route} (cold/warm ms): ${samples.map((s) => `${s.cold.toFixed(0)}/${s.warm.toFixed(0)}`).join(' ')}`);
  }
}

function printBrowser(result) {
  const { loads100, loads10k, keys, memory } = result;
  heading(`4. Headless Chromium ${result.version} (interleaved; medians of ${result.runs} runs unless marked)`);
  const row = (label, app, base, digits = 1) => [label, fmt(app, digits), fmt(base, digits), ratio(app, base)];
  const rows = [];
  for (const [size, loads] of [['100', loads100], ['10,000', loads10k]]) {
    if (!loads) continue;
    rows.push(row(`first row painted, ${size} domains, cold (ms)`, loads.app.cold.firstRow, loads.baseline.cold.firstRow));
    rows.push(row(`first row painted, ${size} domains, warm reload (ms)`, loads.app.warm.firstRow, loads.baseline.warm.firstRow));
    rows.push(row(`  list request started, cold (ms)`, loads.app.cold.listStart, loads.baseline.cold.listStart));
    rows.push(row(`  list response end, cold (ms)`, loads.app.cold.listEnd, loads.baseline.cold.listEnd));
    rows.push(row(`  row in DOM → painted, cold (ms)`, loads.app.cold.firstRow - loads.app.cold.firstRowInDom, loads.baseline.cold.firstRow - loads.baseline.cold.firstRowInDom));
  }
  if (keys) {
    rows.push(row(`keystroke → painted p50, 10,000 (ms; n=${keys.app.n})`, keys.app.paintedP50, keys.baseline.paintedP50));
    rows.push(row(`keystroke → painted p95, 10,000 (ms)`, keys.app.paintedP95, keys.baseline.paintedP95));
    rows.push(row(`keystroke → painted max, 10,000 (ms)`, keys.app.paintedMax, keys.baseline.paintedMax));
    rows.push(row(`  same, without a background list load (p50; n=${keys.app.nClean}/${keys.baseline.nClean})`, keys.app.cleanPaintedP50, keys.baseline.cleanPaintedP50));
    rows.push(row(`  same, without a background list load (p95)`, keys.app.cleanPaintedP95, keys.baseline.cleanPaintedP95));
    rows.push(row(`keystroke → next paint, Event Timing p50 (ms; 16 = under 16)`, keys.app.nextPaintP50, keys.baseline.nextPaintP50));
    rows.push(row(`keystroke → next paint, Event Timing p95 (ms)`, keys.app.nextPaintP95, keys.baseline.nextPaintP95));
    rows.push(row(`keystroke → DOM updated p50 (ms)`, keys.app.handledP50, keys.baseline.handledP50));
    rows.push(row(`keystroke → DOM updated p95 (ms)`, keys.app.handledP95, keys.baseline.handledP95));
    rows.push(row(`main thread blocked by long tasks during a keystroke p95 (ms)`, keys.app.blockedP95, keys.baseline.blockedP95));
    rows.push(row(`long tasks per keystroke incl. debounced work p50 (ms)`, keys.app.longTaskMsPerKeyP50, keys.baseline.longTaskMsPerKeyP50));
    rows.push(row(`long tasks per keystroke incl. debounced work p95 (ms)`, keys.app.longTaskMsPerKeyP95, keys.baseline.longTaskMsPerKeyP95));
    rows.push(row(`list requests during the keystrokes (count)`, keys.app.listRequests, keys.baseline.listRequests, 0));
  }
  if (memory) {
    const total = (m) => m.jsHeap + m.wasm;
    for (const [label, point] of [
      ['after loading 10,000', 'loaded'],
      ['after 1 page reload', 'reload1'],
      ['after 5 page reloads', 'reload5'],
      ['after 1 in-page refresh', 'refresh1'],
      ['after 5 in-page refreshes', 'refresh5'],
    ]) {
      const a = memory.app[point];
      const b = memory.baseline[point];
      rows.push(row(`JS heap ${label} (MB)`, a.jsHeap / 1e6, b.jsHeap / 1e6));
      rows.push(row(`  + wasm memory = total (MB)`, total(a) / 1e6, total(b) / 1e6));
    }
    const growth = (m, from, to) => total(m[to]) / total(m[from]);
    rows.push(row('memory growth, 5 reloads / 1 (×)', growth(memory.app, 'reload1', 'reload5'), growth(memory.baseline, 'reload1', 'reload5'), 2));
    rows.push(row('memory growth, 5 refreshes / 1 (×)', growth(memory.app, 'refresh1', 'refresh5'), growth(memory.baseline, 'refresh1', 'refresh5'), 2));
    rows.push(row('DOM nodes after loading 10,000', memory.app.loaded.nodes, memory.baseline.loaded.nodes, 0));
  }
  printTable(['figure', 'app', 'baseline', 'app/baseline'], rows);
  if (loads100) console.log(`goal: first row ≤ 1.3× baseline at 100 → ${ratio(loads100.app.cold.firstRow, loads100.baseline.cold.firstRow)} (cold), ${ratio(loads100.app.warm.firstRow, loads100.baseline.warm.firstRow)} (warm)`);
  if (keys) console.log(`goal: keystroke → painted p95 ≤ 16 ms and ≤ baseline at 10,000 → app ${fmt(keys.app.paintedP95)} ms, baseline ${fmt(keys.baseline.paintedP95)} ms`);
  if (memory) {
    const total = (m) => m.jsHeap + m.wasm;
    console.log(`goal: memory after 5 cycles ≤ 1.2× after 1 → app ${ratio(total(memory.app.reload5), total(memory.app.reload1))} (reloads), ${ratio(total(memory.app.refresh5), total(memory.app.refresh1))} (refreshes)`);
  }
  if (keys) {
    console.log(`keystroke samples (painted ms), app:      ${keys.app.samples.join(' ')}`);
    console.log(`keystroke samples (painted ms), baseline: ${keys.baseline.samples.join(' ')}`);
    console.log(`samples after a background list load, app: ${keys.app.overlapping.join(' ') || 'none'}; baseline: ${keys.baseline.overlapping.join(' ') || 'none'}`);
  }
  for (const [label, loads] of [['100', loads100], ['10,000', loads10k]]) {
    if (!loads) continue;
    const show = (list) => list.map(([cold, warm]) => `${cold.toFixed(0)}/${warm.toFixed(0)}`).join(' ');
    console.log(`first-row samples at ${label} (cold/warm ms), app: ${show(loads.app.samples)}; baseline: ${show(loads.baseline.samples)}`);
  }
  if (loads10k) console.log(`list body at 10,000 domains: ${mb(loads10k.app.cold.listBytes, 2)} MB of JSON (${mb(loads10k.app.cold.listTransfer, 2)} MB on the wire, gzipped)`);
}

function printBulk(bulk, runs) {
  const { selectAll, csv, ics, apply } = bulk;
  heading(`4b. Selection, export and a bulk change at 10,000 domains (app only; median and max of ${runs} runs)`);
  const row = (label, figure, digits = 1, scale = 1) => [label, fmt(figure.median / scale, digits), fmt(figure.max / scale, digits)];
  const rows = [
    row(`select all ${fmt(selectAll.count.median, 0)} matching: longest task (ms; 0 = none of 50 or more)`, selectAll.longestTask),
    row('  longest animation frame (ms; 0 = none of 50 or more)', selectAll.longestFrame),
    row('  its blocking duration (ms)', selectAll.blocking),
    row('  click → next paint, Event Timing (ms; 16 = under 16)', selectAll.nextPaint),
    row('  click → DOM updated and painted (ms)', selectAll.painted),
  ];
  for (const [label, e] of [['export this view as CSV', csv], ['export this view as .ics', ics]]) {
    rows.push(row(`${label}: click → Blob made (ms)`, e.blob));
    rows.push(row('  click → download started (ms)', e.started));
    rows.push(row('  longest task (ms)', e.longestTask));
    rows.push(row('  longest animation frame (ms)', e.longestFrame));
    rows.push(row('  click → next paint, Event Timing (ms)', e.nextPaint));
    rows.push(row('  file size (KB)', e.bytes, 1, 1000));
  }
  printTable(['figure', 'median', 'max'], rows);

  // The change: every run's keystrokes, wheel turns and long frames pooled.
  const pooled = (side, field) => apply.flatMap((run) => run[side][field]);
  const seconds = (side) => apply.reduce((sum, run) => sum + run[side].seconds, 0);
  const column = (side) => {
    const frames = pooled(side, 'frames').map((frame) => frame.duration);
    const over = pooled(side, 'frames').filter((frame) => frame.duration > 100);
    const busyMs = frames.reduce((sum, duration) => sum + duration, 0);
    const keys = pooled(side, 'keyPaints');
    const wheels = pooled(side, 'wheels');
    const scripts = pooled(side, 'frames').flatMap((frame) => frame.scripts.map((script) => script.duration));
    return [
      String(keys.length),
      `${fmt(percentile(keys, 50), 0)} / ${fmt(percentile(keys, 95), 0)} / ${fmt(percentile(keys, 100), 0)}`,
      `${fmt(percentile(pooled(side, 'keyDelays'), 95))} / ${fmt(percentile(pooled(side, 'keyDelays'), 100))}`,
      `${fmt(percentile(wheels, 50))} / ${fmt(percentile(wheels, 95))} / ${fmt(percentile(wheels, 100))} (${wheels.filter(Number.isFinite).length} of ${wheels.length})`,
      `${frames.length} (${fmt(frames.length / seconds(side), 1)}/s)`,
      `${fmt((100 * busyMs) / 1000 / seconds(side), 0)} %`,
      `${fmt(percentile(frames, 95), 0)} / ${fmt(percentile(frames, 100), 0)}`,
      `${over.length} (${over.filter(isAppFrame).length} with the app's scripts)`,
      `${fmt(percentile(scripts, 50), 0)} / ${fmt(percentile(scripts, 100), 0)}`,
    ];
  };
  const labels = [
    'keystrokes (count)',
    'keystroke → next paint p50 / p95 / max (ms; Event Timing, 16 = under 16)',
    'keystroke → first listener (input delay) p95 / max (ms)',
    'wheel → scroll event on the main thread p50 / p95 / max (ms)',
    'long animation frames (count)',
    '  time in them (share of the window)',
    'long animation frame p95 / max (ms)',
    'long animation frames over 100 ms',
    'one script (task) in a long frame p50 / max (ms)',
  ];
  const busy = column('busy');
  const idle = column('idle');
  console.log();
  printTable(
    ['while typing and scrolling', 'during the batch', 'same, no batch'],
    labels.map((label, i) => [label, busy[i], idle[i]]),
  );
  for (const [i, run] of apply.entries()) {
    console.log(
      `apply run ${i + 1}: "${run.term}" matches ${fmt(run.selected, 0)}, all selected; the review changes ` +
        `${Object.entries(run.reviews).map(([change, n]) => `${fmt(n, 0)} (${change})`).join(' or ')} → ${run.change} ` +
        `(${fmt(run.leftOut, 0)} left out); ` +
        `${fmt(run.registrarReads, 0)} registrar reads before the first review (${fmt(run.reviewSeconds)} s); ` +
        `batch ${fmt(run.batchSeconds)} s from Apply to the last answer, ${fmt(run.puts, 0)} PUTs (${fmt(run.putsPerSecond, 0)}/s, ` +
        `${fmt(run.answerMs)} ms each p50), ` +
        `${fmt(run.done, 0)} done, ${fmt(run.failed, 0)} failed`,
    );
  }
  const worst = apply.flatMap((run) => run.busy.frames).reduce((a, b) => (b.duration > (a?.duration ?? 0) ? b : a), null);
  if (worst) console.log(`longest frame during the batches: ${describeFrame(worst)}`);

  const spread = (figure) => `${fmt(figure.median, 0)} ms median, ${fmt(figure.max, 0)} max`;
  console.log(`goal: select all ≤ 50 ms blocked → longest task ${spread(selectAll.longestTask)} (0 = none of 50 ms or more); longest frame ${spread(selectAll.longestFrame)}`);
  console.log(`goal: CSV export < 1 s → click → download started ${spread(csv.started)} (${fmt(csv.bytes.median / 1e6, 2)} MB); .ics ${spread(ics.started)}`);
  const frames = apply.flatMap((run) => run.busy.frames);
  const over = frames.filter((frame) => frame.duration > 100);
  console.log(
    `goal: apply to 1,000: no app LoAF > 100 ms → ${over.filter(isAppFrame).length} frames over 100 ms with the app's scripts ` +
      `(${over.length} over 100 ms in all, of ${frames.length} long frames; longest ${fmt(worst?.duration ?? 0, 0)} ms)`,
  );
}

/** A long animation frame in which the app's own script (its wasm, through the glue) ran. */
function isAppFrame(frame) {
  return frame.scripts.some((script) => /\/vps-admin-[^/]*\.js$/.test(script.source));
}

/** "182 ms (blocking 132, rendering 20): 150 ms DIV.onclick (vps-admin-….js), …" */
function describeFrame(frame) {
  const scripts = [...frame.scripts]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => `${fmt(s.duration, 0)} ms ${s.invoker || s.type} (${s.source.split('/').pop() || 'no source'})`);
  return `${fmt(frame.duration, 0)} ms (blocking ${fmt(frame.blocking, 0)}, rendering ${fmt(frame.render, 0)}): ${scripts.join(', ') || 'no script'}`;
}

function printLoad(load, seconds) {
  heading(`5. Sandbox under load (wrk, loopback, 2 threads, ${seconds} s each)`);
  const rows = [];
  for (const [label, list] of [['GET list of 10,000', load.list], ['mix: 4 detail reads : 1 registration', load.mix]]) {
    for (const r of list) {
      const what = r.encoding ? `${label} (${r.encoding})` : label;
      const errors = r.socketErrors;
      const statuses = Object.entries(r.statuses).map(([status, count]) => `${status}:${count}`).join(' ');
      rows.push([
        `${what}, ${r.connections} conns`,
        fmt(r.rps, 1),
        fmt(r.p50, 1),
        fmt(r.p99, 1),
        fmt(r.max, 1),
        String(r.requests),
        `${errors.connect}/${errors.read}/${errors.write}/${errors.timeout}`,
        String(r.non2xx),
        statuses || '–',
      ]);
    }
  }
  printTable(['workload', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'sock err c/r/w/t', 'non-2xx', 'statuses'], rows);
  console.log(`goal: list p99 ≤ 50 ms → ${load.list.map((r) => `${fmt(r.p99)} ms at ${r.connections} (${r.encoding})`).join(', ')}`);
}

async function main() {
  const opts = options(process.argv.slice(2));
  const results = { machine: machine(), options: { ...opts } };
  ensureDebian({ wrk: 'wrk', brotli: 'brotli', gzip: 'gzip', chromium: 'chromium' });
  if (!existsSync(join(opts.dist, 'index.html'))) throw new Error(`${opts.dist}/index.html missing: run trunk build --release first`);
  const m = results.machine;
  const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
  results.loadAtStart = load();
  console.log(`vps-admin benchmark, ${m.date}: ${m.cpu}, ${m.memory}, ${m.kernel}, node ${m.node}, ${m.wrk}`);
  console.log(`load average at the start: ${results.loadAtStart} (other work on the machine skews the figures)`);
  console.log(`app: ${opts.dist}`);

  if (opts.only.includes('size')) {
    results.sizes = measureSizes(opts.dist);
    printSizes(results.sizes);
  }
  if (!opts.only.includes('browser') && !opts.only.includes('load')) return finish(results, opts);

  if (!existsSync(opts.sandbox)) throw new Error(`${opts.sandbox} missing: cargo build --release -p vps-sandbox`);
  const tmp = mkdtempSync(join(tmpdir(), 'vps-bench-'));
  const site = assembleSite(opts.dist, join(here, 'baseline'));
  const server = await startSandbox({ binary: opts.sandbox, staticDir: site, db: join(tmp, 'bench.db') });
  const cleanup = async () => {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  };
  try {
    heading('3. Seeded scale');
    const started = Date.now();
    const n10k = await seedTo(server.origin, DEMO_TOKEN, 10_000);
    const n100 = await seedTo(server.origin, OTHER_TOKEN, 100);
    await api(server.origin, 'PUT', '/sandbox/account', DEMO_TOKEN, { balance: 1_000_000 });
    console.log(`sandbox ${server.origin}: demo account ${n10k} domains, other account ${n100} (POST /sandbox/generate, ${Date.now() - started} ms)`);

    if (opts.only.includes('browser')) {
      const bench = new Bench(server.origin);
      await bench.start();
      try {
        const browser = { version: bench.version, runs: opts.runs };
        const phase = (name) => opts.phases.includes(name);
        if (phase('networks')) {
          log('first screen on three networks, 100 domains');
          browser.networks = await measureNetworks(bench, { token: OTHER_TOKEN, runs: opts.runs, log });
          printNetworks(browser.networks, opts.runs);
        }
        if (phase('lazy')) {
          log('lazy routes on three networks: click → page painted');
          browser.lazy = await measureLazyRoutes(bench, { token: OTHER_TOKEN, runs: opts.runs, log });
          printLazy(browser.lazy, opts.runs);
        }
        if (phase('loads100')) {
          log('loads at 100 domains');
          browser.loads100 = await measureLoads(bench, { token: OTHER_TOKEN, runs: opts.runs, log });
        }
        if (phase('loads10k')) {
          log('loads at 10,000 domains');
          browser.loads10k = await measureLoads(bench, { token: DEMO_TOKEN, runs: opts.runs, log });
        }
        if (phase('keys')) {
          log('keystrokes at 10,000 domains');
          browser.keys = await measureKeystrokes(bench, {
            token: DEMO_TOKEN,
            terms: ['solar', 'north', 'cloud', 'pixel', 'forge', 'media', 'harbor', 'quantum'],
            log,
          });
        }
        if (phase('memory')) {
          log('memory at 10,000 domains');
          browser.memory = await measureMemory(bench, { token: DEMO_TOKEN, runs: opts.memoryRuns, log });
        }
        if (phase('bulk')) {
          log('selection, export and a bulk change at 10,000 domains');
          browser.bulk = await measureBulk(bench, { token: DEMO_TOKEN, runs: opts.runs, log });
        }
        results.browser = browser;
        if (['loads100', 'loads10k', 'keys', 'memory'].some(phase)) printBrowser(browser);
        if (browser.bulk) printBulk(browser.bulk, opts.runs);
      } finally {
        await bench.stop();
      }
    }

    if (opts.only.includes('load')) {
      log('load test');
      const ids = await idsOf(server.origin, DEMO_TOKEN);
      results.load = await measureLoad({
        origin: server.origin,
        token: DEMO_TOKEN,
        ids,
        scriptsDir: join(here, 'wrk'),
        tmp,
        seconds: opts.loadSeconds,
        log,
      });
      printLoad(results.load, opts.loadSeconds);
    }
  } finally {
    await cleanup();
  }
  finish(results, opts);
}

function finish(results, opts) {
  results.loadAtEnd = loadavg().map((n) => n.toFixed(2)).join(' ');
  console.log(`\nload average at the end: ${results.loadAtEnd}`);
  if (opts.json) {
    if (results.load) for (const list of Object.values(results.load)) for (const r of list) delete r.raw;
    writeFileSync(opts.json, JSON.stringify(results, null, 2));
    console.log(`\nraw figures: ${opts.json}`);
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
