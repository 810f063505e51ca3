// 1. Shipped size: each .wasm, .js and .css of a release build, raw, gzip -9 and brotli -q 11.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function compressedSize(command, args, file) {
  return execFileSync(command, [...args, file], { maxBuffer: 1 << 30 }).length;
}

/** One row per shipped file, plus totals by kind and overall. */
export function measureSizes(dist) {
  const files = readdirSync(dist)
    .filter((name) => /\.(wasm|js|css)$/.test(name))
    .sort((a, b) => kindOrder(a) - kindOrder(b) || a.localeCompare(b));
  const rows = files.map((name) => {
    const path = join(dist, name);
    return {
      name,
      kind: name.split('.').pop(),
      raw: statSync(path).size,
      gzip: compressedSize('gzip', ['-9', '-c', '-n'], path),
      brotli: compressedSize('brotli', ['-q', '11', '-c'], path),
    };
  });
  const sum = (list) =>
    list.reduce((acc, row) => ({ raw: acc.raw + row.raw, gzip: acc.gzip + row.gzip, brotli: acc.brotli + row.brotli }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
    });
  const byKind = {};
  for (const kind of ['wasm', 'js', 'css']) byKind[kind] = sum(rows.filter((row) => row.kind === kind));
  return { files: rows, byKind, total: sum(rows), html: statSync(join(dist, 'index.html')).size };
}

function kindOrder(name) {
  return ['wasm', 'js', 'css'].indexOf(name.split('.').pop());
}

/** The stylesheets in the order index.html links them (for the baseline's app.css). */
export function stylesheetsInOrder(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+\.css)"/g)].map((match) => match[1]);
}
