#!/usr/bin/env node
// Where the .wasm bytes go, by crate: wasm-bindgen, then wasm-opt -Oz (as Trunk does) keeping
// the names (-g), then twiggy; every item is attributed to the crate its symbol names, the
// names section itself is left out. Also sweeps the wasm-opt level on the same input.
//
//   node bench/size-breakdown.mjs [target/wasm32-unknown-unknown/release/vps-admin.wasm]
//                                 [--top 40] [--levels]
//
// Needs wasm-bindgen (the Cargo.lock version) and npm's wasm-opt on PATH, and twiggy
// (`cargo install twiggy`). Generic code is attributed to the crate that defines it (tachys,
// leptos_router, serde_json…) even when the app's own views and types instantiated it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { fmt, kb, printTable } from './lib/util.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const valueOf = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const input = resolve(args.find((a, i) => !a.startsWith('--') && !['--top'].includes(args[i - 1])) ??
  join(root, 'target/wasm32-unknown-unknown/release/vps-admin.wasm'));
const top = Number(valueOf('--top', 40));

const run = (command, commandArgs) => execFileSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
const brotli = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const work = mkdtempSync(join(tmpdir(), 'vps-size-'));
try {
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--out-dir', work, '--out-name', 'app', input]);
  const bound = join(work, 'app_bg.wasm');
  const named = join(work, 'named.wasm');
  const plain = join(work, 'plain.wasm');
  run('wasm-opt', ['-Oz', '-g', bound, '-o', named]);
  run('wasm-opt', ['-Oz', bound, '-o', plain]);
  console.log(`input ${input}`);
  console.log(`after wasm-bindgen: ${kb(statSync(bound).size)} KB; after wasm-opt -Oz: ${kb(statSync(plain).size)} KB raw, ${kb(brotli(plain))} KB brotli`);

  const csv = run('twiggy', ['top', '-n', '1000000', '--format', 'csv', named]);
  const items = parseCsv(csv).map(([name, size]) => ({ name, size: Number(size) }));
  const byCrate = new Map();
  let counted = 0;
  for (const item of items) {
    const crate = crateOf(item.name);
    if (crate === null) continue;
    counted += item.size;
    const entry = byCrate.get(crate) ?? { size: 0, items: 0 };
    entry.size += item.size;
    entry.items += 1;
    byCrate.set(crate, entry);
  }
  const rows = [...byCrate.entries()]
    .sort((a, b) => b[1].size - a[1].size)
    .map(([crate, entry]) => [crate, kb(entry.size), `${fmt((100 * entry.size) / counted)}%`, String(entry.items)]);
  console.log('\nBy crate (shallow bytes after -Oz, names section excluded):');
  printTable(['crate', 'KB', 'share', 'items'], rows);

  console.log(`\nTop ${top} items:`);
  printTable(
    ['item', 'bytes'],
    items
      .filter((item) => crateOf(item.name) !== null)
      .slice(0, top)
      .map((item) => [item.name.replace(/::h[0-9a-f]{16}$/, '').slice(0, 150), String(item.size)]),
  );

  if (flag('--levels')) {
    console.log('\nwasm-opt level on the same wasm-bindgen output:');
    const stripped = join(work, 'stripped.wasm');
    run('wasm-opt', ['-O0', '--strip-debug', '--strip-producers', bound, '-o', stripped]);
    const rowsLevels = [['none (names stripped)', stripped]];
    for (const level of ['-Oz', '-Os', '-O2', '-O3', '-O4']) {
      const out = join(work, `level${level}.wasm`);
      run('wasm-opt', [level, bound, '-o', out]);
      rowsLevels.push([level, out]);
    }
    printTable(
      ['wasm-opt', 'raw KB', 'brotli KB'],
      rowsLevels.map(([label, path]) => [label, kb(statSync(path).size), kb(brotli(path))]),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The crate an item's symbol belongs to; null for what only exists because of the names. */
function crateOf(name) {
  if (/^"(function|data|local|type|global|table|elem|memory|module)[^"]*names"|names" subsection/.test(name)) return null;
  if (/subsection$/.test(name)) return null;
  if (name.startsWith('data segment')) return '(data segments: strings, tables)';
  if (/^(elem|table|type|import|export|memory|global|data)\[/.test(name) || /^(import|export|custom) |section headers$|^wasm magic/.test(name)) {
    return '(wasm sections: tables, types, imports, exports)';
  }
  if (/^code\[/.test(name) || !name.includes('::')) return '(unnamed: wasm-bindgen shims, exports, builtins)';
  let text = name.replace(/\[[0-9a-f]{16}\]/g, '');
  text = text.replace(/^core::ptr::drop_in_place<(.*)>(::h[0-9a-f]+)?$/, '$1');
  for (;;) {
    const stripped = text.replace(/^&(mut )?/, '').replace(/^\(?dyn /, '');
    if (stripped === text) break;
    text = stripped;
  }
  let path = text;
  if (text.startsWith('<')) {
    const [self, trait] = splitQualified(text);
    const selfCrate = firstSegment(self);
    path = selfCrate && !isGenericOrPrimitive(selfCrate) ? self : trait ?? self;
    if (path.startsWith('<')) return crateOf(path);
  }
  const crate = firstSegment(path);
  if (!crate || isGenericOrPrimitive(crate)) return '(std: core, alloc, std)';
  if (['core', 'alloc', 'std'].includes(crate)) return '(std: core, alloc, std)';
  return crate;
}

function splitQualified(text) {
  // `<Self as Trait>::rest` → [Self, Trait]; `<Self>::rest` → [Self, null]
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>') {
      depth--;
      if (depth === 0) return [text.slice(1, i), null];
    } else if (depth === 1 && text.startsWith(' as ', i)) {
      let end = i + 4;
      let inner = 0;
      for (; end < text.length; end++) {
        if (text[end] === '<') inner++;
        else if (text[end] === '>') {
          if (inner === 0) break;
          inner--;
        }
      }
      return [text.slice(1, i), text.slice(i + 4, end)];
    }
  }
  return [text, null];
}

function firstSegment(path) {
  const match = path.replace(/^([&*(\[ ]|mut |const |dyn )+/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return match ? match[1] : null;
}

function isGenericOrPrimitive(segment) {
  return /^[A-Z]/.test(segment) || /^(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64|bool|char|str|impl|dyn|fn)$/.test(segment);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows.slice(1).filter((r) => r.length > 1);
}
