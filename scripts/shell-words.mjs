// Trunk's post-build hook: the index.html shell (the first screen, painted before the wasm
// arrives) names its wordings by message key (`data-i18n="nav_domains"`, `data-i18n-attr=
// "aria-label=nav_label"`). This fills its `<script id="shell-words">` with those messages in
// Finnish from locales/fi/*.json, so that a Finnish reader's first paint is already Finnish and
// each wording still lives in one place. Fails the build on a key that locales/fi/ lacks.
//
//   TRUNK_STAGING_DIR=dist node scripts/shell-words.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messages } from './lib/messages.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('shell-words: no directory (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}
const page = path.join(dir, 'index.html');
const html = fs.readFileSync(page, 'utf8');
const finnish = messages('fi');

const keys = new Set();
for (const [, key] of html.matchAll(/data-i18n="([a-z0-9_]+)"/g)) keys.add(key);
for (const [, pairs] of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
  for (const pair of pairs.split(';')) keys.add(pair.split('=')[1]);
}
const missing = [...keys].filter((key) => typeof finnish[key] !== 'string');
const words = Object.fromEntries([...keys].sort().map((key) => [key, finnish[key]]));
// The page's title, as the app composes it: `<title data-i18n-page="domains_page_title">`.
const titlePage = html.match(/<title data-i18n-page="([a-z0-9_]+)">/)?.[1];
if (titlePage) {
  if (typeof finnish[titlePage] !== 'string') missing.push(titlePage);
  else words.title = finnish.app_title.replace('{page}', finnish[titlePage]);
}
if (missing.length > 0) {
  console.error(`shell-words: index.html names messages that locales/fi/ lacks: ${missing.join(', ')}`);
  process.exit(1);
}
// `<` escaped, so no message can close the script element.
const json = JSON.stringify(words).replace(/</g, '\\u003c');
const placeholder = '<script type="application/json" id="shell-words">{}</script>';
if (!html.includes(placeholder)) {
  console.error(`shell-words: index.html has no ${placeholder}`);
  process.exit(1);
}
fs.writeFileSync(page, html.replace(placeholder, `<script type="application/json" id="shell-words">${json}</script>`));
