#!/usr/bin/env node
// Where the app spends its main-thread time: Chromium's sampling profiler (DevTools protocol)
// over (0) a page load at 100 domains, and at 10,000 domains (1) search keystrokes with the
// debounced work after each, and (2) list reloads (the ↻ Refresh button, as the app's own
// polling does). Prints self time by
// function and saves the .cpuprofile files (open them in DevTools → Performance).
//
//   node bench/profile-app.mjs --dist DIST [--named target/wasm32-unknown-unknown/release/vps-admin.wasm]
//
// --named: the pre-wasm-bindgen .wasm of the same build; it is run through wasm-bindgen and
// wasm-opt -Oz -g (names kept, code as shipped) and put in place of the shipped .wasm, so that
// wasm frames carry Rust names. --named takes an unsplit build (`trunk build --release --dist D`):
// it swaps the one .wasm, not a split build's chunks.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from './lib/browser.mjs';
import { assembleSite, DEMO_TOKEN, OTHER_TOKEN, seedTo, startSandbox } from './lib/server.mjs';
import { printTable, sleep } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const valueOf = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = resolve(valueOf('--dist', join(root, 'dist')));
const named = valueOf('--named', null);
const out = resolve(valueOf('--out', '/tmp/vps-profiles'));

function withNamedWasm(dist, preBindgen) {
  const dir = mkdtempSync(join(tmpdir(), 'vps-named-dist-'));
  for (const name of readdirSync(dist)) copyFileSync(join(dist, name), join(dir, name));
  const work = mkdtempSync(join(tmpdir(), 'vps-named-'));
  const shipped = readdirSync(dir).find((name) => name.endsWith('.wasm'));
  // The same out-name as Trunk gave wasm-bindgen, so the wasm's import module name matches the glue.
  const glue = readFileSync(join(dir, readdirSync(dir).find((name) => name.endsWith('.js'))), 'utf8');
  const outName = (glue.match(/"\.\/([^"]+)_bg\.js"/) ?? [null, 'vps-admin'])[1];
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', outName, preBindgen]);
  // The JS glue stays Trunk's (the same wasm-bindgen on the same input; index.html pins its
  // hash); only the .wasm is swapped, whose preload integrity Chromium ignores.
  execFileSync('wasm-opt', ['-Oz', '-g', join(work, `${outName}_bg.wasm`), '-o', join(dir, shipped)]);
  rmSync(work, { recursive: true, force: true });
  return dir;
}

function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    const name = frame.functionName || `(${frame.url ? frame.url.split('/').pop() : 'anonymous'})`;
    const key = `${name.replace(/::h[0-9a-f]{16}$/, '')}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { total, rows: [...self.entries()].sort((a, b) => b[1] - a[1]) };
}

async function profile(tab, label, action) {
  const cdp = await tab.context.newCDPSession(tab.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(join(out, `${label}.cpuprofile`), JSON.stringify(profile));
  const { total, rows } = selfTimes(profile);
  const busy = rows.filter(([name]) => !['(idle)', '(program)', '(garbage collector)'].includes(name));
  const busyTotal = busy.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`\n${label}: ${total.toFixed(0)} ms sampled, ${busyTotal.toFixed(0)} ms in functions; top self time:`);
  const gc = rows.find(([name]) => name === '(garbage collector)');
  printTable(
    ['function', 'self ms', 'share of busy'],
    [...busy.slice(0, 25), ...(gc ? [gc] : [])].map(([name, ms]) => [
      name.slice(0, 120),
      ms.toFixed(1),
      `${((100 * ms) / busyTotal).toFixed(1)}%`,
    ]),
  );
}

async function main() {
  execFileSync('mkdir', ['-p', out]);
  const appDist = named ? withNamedWasm(dist, resolve(named)) : dist;
  const site = assembleSite(appDist, join(here, 'baseline'));
  const tmp = mkdtempSync(join(tmpdir(), 'vps-profile-'));
  const server = await startSandbox({ binary: join(root, 'target/release/vps-sandbox'), staticDir: site, db: join(tmp, 'p.db') });
  const bench = new Bench(server.origin);
  try {
    await seedTo(server.origin, DEMO_TOKEN, 10_000);
    await seedTo(server.origin, OTHER_TOKEN, 100);
    await bench.start();
    // (0) A page load at 100 domains: from navigation to the first row painted.
    for (const kind of ['app', 'baseline']) {
      const tab = await bench.open(kind, OTHER_TOKEN);
      // Same origin first, so that the navigation measured stays in this renderer process.
      await tab.page.goto(`${server.origin}/sandbox/clock`);
      let marks;
      await profile(tab, `${kind}-page-load-100`, async () => {
        marks = await bench.load(tab);
      });
      console.log(`marks: ${JSON.stringify(Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)])))}`);
      await tab.context.close();
    }
    for (const kind of ['app', 'baseline']) {
      const tab = await bench.open(kind, DEMO_TOKEN);
      await bench.load(tab);
      await bench.settle(tab, { quietMs: 500, minMs: 1000 });
      await profile(tab, `${kind}-keystrokes`, async () => {
        for (const term of ['solar', 'north', 'cloud']) {
          for (const character of term) {
            await bench.keystroke(tab, character);
            await bench.settle(tab, { quietMs: 300, minMs: 500 });
          }
          await bench.clearSearch(tab);
          await bench.settle(tab, { quietMs: 300, minMs: 400 });
        }
      });
      await profile(tab, `${kind}-list-reloads`, async () => {
        for (let i = 0; i < 3; i++) {
          await bench.refresh(tab);
          await bench.settle(tab, { quietMs: 300, minMs: 300 });
        }
      });
      await tab.context.close();
      await sleep(100);
    }
    console.log(`\n.cpuprofile files in ${out}`);
  } finally {
    await bench.stop();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
    if (appDist !== dist) rmSync(appDist, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
