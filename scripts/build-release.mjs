// The release build: the app split into a first screen and lazily loaded chunks, in dist/.
//
//   node scripts/build-release.mjs [--dist DIR]
//
// Trunk 0.21 has no place for a step between cargo and wasm-bindgen (trunk-rs/trunk#1022), and
// splitting must happen there, so this script owns the release pipeline; Trunk stays the
// development server (`make run`: `trunk serve`, one unsplit wasm, rebuilt on every change).
//
//  1. cargo: the app with its `split` feature (the `#[wasm_split]` points of src/chunks.rs),
//     the final link keeping its relocations (`--emit-relocs`) for the splitter to read;
//  2. wasm-split-cli: the first screen's module, one module per chunk, and the JS loader
//     (`__wasm_split.js`) that fetches a chunk the first time its code is called;
//  3. wasm-bindgen on the first screen's module (keeping the exports the chunks link to);
//  4. wasm-opt on every module;
//  5. content-hashed names (`name-<16 hex>.ext`, cached for a year by the hosts), the loader's
//     and the glue's references to each other rewritten to match;
//  6. index.html as Trunk would make it: the stylesheets inlined, the icon hashed, the rust link
//     replaced by a module script that starts the app (allowed by its hash in the CSP);
//  7. the shell's Finnish words, then a .br and a .gz beside every file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
const dist = path.resolve(root, options.dist);
const NAME = 'vps-admin';
const TARGET = 'wasm32-unknown-unknown';
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const work = path.join(targetDir, 'split-build');

function run(command, args, extra = {}) {
  console.log(`build-release: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...extra });
}

/** The first 16 hex digits of the SHA-256 of `parts`: the names hosts may cache for ever. */
function contentHash(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
}

/** `text` with every `from` replaced by `to`; fails when `from` is not there at all. */
function replaceAll(text, from, to, where) {
  if (!text.includes(from)) throw new Error(`build-release: ${where} does not mention ${from}`);
  return text.split(from).join(to);
}

// 1. cargo. `cargo rustc` passes the link flag to the final link only, so the dependencies'
// builds are shared with every other wasm build of this target.
run('cargo', [
  'rustc', '--release', '--target', TARGET, '-p', NAME, '--bin', NAME, '--features', 'split',
  '--', '-C', 'link-arg=--emit-relocs',
]);
const linked = path.join(targetDir, TARGET, 'release', `${NAME}.wasm`);

// 2. Split.
fs.rmSync(work, { recursive: true, force: true });
const split = path.join(work, 'split');
const bound = path.join(work, 'bound');
fs.mkdirSync(split, { recursive: true });
run('wasm-split-cli', [linked, split, '--out-name', NAME]);

// 3. wasm-bindgen: the glue for the first screen's module. It imports the loader
// (`./__wasm_split.js`), which imports the glue's `initSync` back for the shared memory and table.
run('wasm-bindgen', [
  '--target', 'web', '--keep-lld-exports', '--no-typescript',
  '--out-dir', bound, '--out-name', NAME, path.join(split, `${NAME}.wasm`),
]);
fs.copyFileSync(path.join(split, '__wasm_split.js'), path.join(bound, '__wasm_split.js'));
const chunks = fs.readdirSync(split).filter((file) => file.endsWith('.wasm') && file !== `${NAME}.wasm`).sort();

// 4. wasm-opt: -Oz, as Trunk's `data-wasm-opt="z"` did, then the passes that measured a gain
// here (bench/README.md, "Cuts"): nothing lives below 1 KiB of memory (Rust's data starts at
// 1 MiB), and the control flow re-laid out before a second -Oz.
const WASM_OPT = ['-Oz', '--low-memory-unused', '--flatten', '--rereloop', '-Oz'];
for (const file of [`${NAME}_bg.wasm`, ...chunks]) {
  const from = path.join(file === `${NAME}_bg.wasm` ? bound : split, file);
  run('wasm-opt', [...WASM_OPT, '--output', path.join(bound, file), from]);
}

// 5. Names by content. The chunks first (the loader names them), then the glue and the loader,
// which name each other: they take one hash over the three files that start the app.
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
let loader = fs.readFileSync(path.join(bound, '__wasm_split.js'), 'utf8');
const chunkFiles = [];
for (const file of chunks) {
  const bytes = fs.readFileSync(path.join(bound, file));
  const hashed = `${path.basename(file, '.wasm').replace(/[^A-Za-z0-9_]/g, '_')}-${contentHash(bytes)}.wasm`;
  loader = replaceAll(loader, `"./${file}"`, `"./${hashed}"`, '__wasm_split.js');
  fs.writeFileSync(path.join(dist, hashed), bytes);
  chunkFiles.push(hashed);
}
let glue = fs.readFileSync(path.join(bound, `${NAME}.js`), 'utf8');
const wasm = fs.readFileSync(path.join(bound, `${NAME}_bg.wasm`));
// (This script's own text too: it decides what the rewritten files say.)
const startHash = contentHash(wasm, glue, loader, fs.readFileSync(fileURLToPath(import.meta.url)));
const names = { glue: `${NAME}-${startHash}.js`, wasm: `${NAME}-${startHash}_bg.wasm`, loader: `wasm-split-${startHash}.js` };
// Only the import specifiers: the wasm's own import module name stays `./__wasm_split.js`.
glue = replaceAll(glue, 'from "./__wasm_split.js"', `from "./${names.loader}"`, 'the wasm-bindgen glue');
glue = glue.split(`${NAME}_bg.wasm`).join(names.wasm);
loader = replaceAll(loader, `from "./${NAME}.js"`, `from "./${names.glue}"`, '__wasm_split.js');
fs.writeFileSync(path.join(dist, names.glue), glue);
fs.writeFileSync(path.join(dist, names.wasm), wasm);
fs.writeFileSync(path.join(dist, names.loader), loader);

// 6. index.html.
let html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
html = html.replace(/<link data-trunk rel="inline" href="([^"]+\.css)"\s*\/>/g, (_, href) => {
  const css = fs.readFileSync(path.join(root, href), 'utf8');
  return `<style>${css}</style>`;
});
html = html.replace(/<link data-trunk rel="icon" href="([^"]+)"\s*\/>/, (_, href) => {
  const bytes = fs.readFileSync(path.join(root, href));
  const extension = path.extname(href);
  const hashed = `${path.basename(href, extension)}-${contentHash(bytes)}${extension}`;
  fs.writeFileSync(path.join(dist, hashed), bytes);
  return `<link rel="icon" href="/${hashed}" />`;
});
// The start, as Trunk's own loader: the glue and the first screen's wasm asked for at once.
const start =
  `<link rel="modulepreload" href="/${names.glue}" />\n` +
  `    <link rel="modulepreload" href="/${names.loader}" />\n` +
  `    <link rel="preload" href="/${names.wasm}" as="fetch" type="application/wasm" crossorigin />\n` +
  `    <script type="module">import init from "/${names.glue}"; const wasm = await init({ module_or_path: "/${names.wasm}" }); ` +
  `dispatchEvent(new CustomEvent("vps-admin-started", { detail: { wasm } }));</script>`;
html = html.replace(/<link data-trunk rel="rust"[^>]*\/>/, () => start);
const leftover = html.match(/<link data-trunk[^>]*>/);
if (leftover) throw new Error(`build-release: index.html has a Trunk link this script does not handle: ${leftover[0]}`);
fs.writeFileSync(path.join(dist, 'index.html'), html);

// 7. The shell's words and the compressed copies.
run(process.execPath, ['scripts/shell-words.mjs', dist]);
run(process.execPath, ['scripts/precompress.mjs', dist]);
console.log(`build-release: ${dist}: start ${names.glue}, ${names.wasm}; chunks ${chunkFiles.join(', ') || 'none'}`);
