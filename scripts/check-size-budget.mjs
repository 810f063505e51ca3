// The size budget (bench/budget.json): the brotli bytes a first visit downloads, as the release
// build's own .br files, against the limit. Prints the figures; exits 1 over the limit.
//
//   node scripts/check-size-budget.mjs [dist]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const budget = JSON.parse(fs.readFileSync(path.join(root, 'bench/budget.json'), 'utf8'));

const shipped = fs.readdirSync(dist).filter((name) => /\.(wasm|js|css)$/.test(name) || name === 'index.html');
let total = 0;
for (const name of shipped.sort()) {
  const compressed = path.join(dist, `${name}.br`);
  if (!fs.existsSync(compressed)) {
    console.error(`size budget: ${name}.br is missing: run the release build (make build-release), which precompresses`);
    process.exit(2);
  }
  const bytes = fs.statSync(compressed).size;
  total += bytes;
  console.log(`${name.padEnd(40)} ${String(bytes).padStart(8)} B brotli`);
}
const limit = budget.limit_brotli_bytes;
const share = ((total / limit) * 100).toFixed(1);
console.log(`${'total'.padEnd(40)} ${String(total).padStart(8)} B of ${limit} B (${share} % of the budget in bench/budget.json)`);
if (total > limit) {
  console.error(`size budget exceeded by ${total - limit} B: make it smaller, or raise bench/budget.json in a commit that says why`);
  process.exit(1);
}
