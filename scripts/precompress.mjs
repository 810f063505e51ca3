// The release build's last step (scripts/build-release.mjs): writes `name.br` and `name.gz`
// beside each text and wasm file of a directory, so that the static hosts (the sandbox's --static, nginx's brotli_static and
// gzip_static) send them as they are and compress nothing per request. Node's own zlib, at the
// strongest settings: brotli quality 11 with a window as large as the file needs, gzip level 9.
//
//   node scripts/precompress.mjs DIR
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.wasm', '.js', '.css', '.svg', '.html', '.json']);
const dir = process.argv[2];

if (!dir) {
  console.error('precompress: no directory: node scripts/precompress.mjs DIR');
  process.exit(2);
}

function* files(root) {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) yield full;
  }
}

for (const file of files(dir)) {
  const bytes = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
      [zlib.constants.BROTLI_PARAM_MODE]:
        path.extname(file) === '.wasm' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = zlib.gzipSync(bytes, { level: zlib.constants.Z_BEST_COMPRESSION });
  // A compressed copy no smaller than the file itself would only cost a decode.
  if (brotli.length < bytes.length) fs.writeFileSync(`${file}.br`, brotli);
  if (gzip.length < bytes.length) fs.writeFileSync(`${file}.gz`, gzip);
  const name = path.relative(dir, file);
  console.log(`precompress: ${name} ${bytes.length} B → br ${brotli.length} B, gz ${gzip.length} B`);
}
