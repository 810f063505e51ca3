#!/usr/bin/env node
// Speed of several builds of the app, interleaved in one run so that the machine's other work
// weighs on each alike: each build is served by its own sandbox over a copy of one seeded
// database (the same 10,000 domains), with the baseline alongside as a yardstick.
//
//   node bench/compare-dists.mjs label=DIST [label=DIST ...] [--runs 5] [--keys 15]
//
// Prints, per build: first row painted at 10,000 domains (cold and warm), and search
// keystrokes (DOM updated, painted); medians, and p95 for keystrokes.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from './lib/browser.mjs';
import { assembleSite, DEMO_TOKEN, seedTo, startSandbox } from './lib/server.mjs';
import { fmt, median, percentile, printTable } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const valueOf = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const runs = valueOf('--runs', 5);
const keysPerRun = valueOf('--keys', 15);
const builds = args
  .filter((arg, i) => arg.includes('=') && !['--runs', '--keys'].includes(args[i - 1]))
  .map((arg) => {
    const [label, dist] = arg.split('=');
    return { label, dist: resolve(dist) };
  });
if (builds.length === 0) {
  console.error('usage: node bench/compare-dists.mjs label=DIST [label=DIST ...] [--runs 5] [--keys 15]');
  process.exit(2);
}

const TERMS = ['solar', 'north', 'cloud', 'pixel', 'forge', 'media', 'harbor', 'quantum', 'amber', 'river'];

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'vps-compare-'));
  const binary = join(root, 'target/release/vps-sandbox');
  // One seeded database, copied for each build's sandbox.
  const seedDb = join(tmp, 'seed.db');
  const seeder = await startSandbox({ binary, db: seedDb });
  await seedTo(seeder.origin, DEMO_TOKEN, 10_000);
  await seeder.stop();
  const servers = [];
  for (const build of [...builds, { label: 'baseline', dist: builds[0].dist }]) {
    const db = join(tmp, `${build.label}.db`);
    copyFileSync(seedDb, db);
    for (const suffix of ['-wal', '-shm']) {
      try {
        copyFileSync(seedDb + suffix, db + suffix);
      } catch (_) {
        // no WAL left after a clean shutdown
      }
    }
    const site = assembleSite(build.dist, join(here, 'baseline'));
    const server = await startSandbox({ binary, staticDir: site, db });
    servers.push({ ...build, site, server, bench: new Bench(server.origin), loads: [], keys: [] });
  }
  try {
    for (const entry of servers) await entry.bench.start();
    let termIndex = 0;
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? servers : [...servers].reverse();
      for (const entry of order) {
        const kind = entry.label === 'baseline' ? 'baseline' : 'app';
        const tab = await entry.bench.open(kind, DEMO_TOKEN);
        const cold = await entry.bench.load(tab);
        await entry.bench.settle(tab, { quietMs: 300, minMs: 300 });
        const warm = await entry.bench.load(tab, { reload: true });
        await entry.bench.settle(tab, { quietMs: 500, minMs: 800 });
        entry.loads.push([cold.firstRow, warm.firstRow]);
        let typed = 0;
        for (let t = termIndex; typed < keysPerRun; t++) {
          const term = TERMS[t % TERMS.length];
          await entry.bench.clearSearch(tab);
          await entry.bench.settle(tab, { quietMs: 300, minMs: 400 });
          for (const character of term) {
            if (typed++ >= keysPerRun) break;
            const sample = await entry.bench.keystroke(tab, character);
            if (!sample.overlapsListLoad) entry.keys.push(sample);
            await entry.bench.settle(tab, { quietMs: 300, minMs: 500 });
          }
        }
        await tab.context.close();
        console.error(`  run ${run + 1} ${entry.label}: cold ${cold.firstRow.toFixed(0)} ms, warm ${warm.firstRow.toFixed(0)} ms`);
      }
      termIndex += 2;
    }
    const rows = servers.map((entry) => [
      entry.label,
      fmt(median(entry.loads.map(([cold]) => cold))),
      fmt(median(entry.loads.map(([, warm]) => warm))),
      fmt(percentile(entry.keys.map((k) => k.handled), 50)),
      fmt(percentile(entry.keys.map((k) => k.handled), 95)),
      fmt(percentile(entry.keys.map((k) => k.painted), 50)),
      fmt(percentile(entry.keys.map((k) => k.painted), 95)),
      String(entry.keys.length),
    ]);
    console.log(`\n10,000 domains; ${runs} interleaved runs; keystrokes without a background list load`);
    printTable(
      ['build', 'first row cold', 'first row warm', 'key→DOM p50', 'key→DOM p95', 'key→paint p50', 'key→paint p95', 'keys'],
      rows,
    );
  } finally {
    for (const entry of servers) {
      await entry.bench.stop();
      await entry.server.stop();
      rmSync(entry.site, { recursive: true, force: true });
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
