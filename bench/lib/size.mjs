// 1. Shipped size: each .wasm, .js and .css of a release build and its index.html (which
// carries the stylesheets inline), raw, gzip -9 and brotli -q 11.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const KINDS = ['wasm', 'js', 'css', 'html'];

function compressedSize(command, args, file) {
  return execFileSync(command, [...args, file], { maxBuffer: 1 << 30 }).length;
}

/** One row per shipped file, plus totals by kind and overall. */
export function measureSizes(dist) {
  const files = readdirSync(dist)
    .filter((name) => /\.(wasm|js|css)$/.test(name) || name === 'index.html')
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
  for (const kind of KINDS) byKind[kind] = sum(rows.filter((row) => row.kind === kind));
  return { files: rows, byKind, total: sum(rows), html: statSync(join(dist, 'index.html')).size };
}

function kindOrder(name) {
  return KINDS.indexOf(name.split('.').pop());
}

/** The app's stylesheets as index.html carries them (inlined `<style>` elements), in order. */
export function inlineStyles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]);
}
