// One language's messages as the app has them: every area file of locales/<lang>/ merged into
// one map from key to text (build.rs checks that the languages agree).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

export function messages(lang) {
  const dir = path.join(LOCALES, lang);
  return Object.assign(
    {},
    ...fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))),
  );
}
