import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { normalizeDocument } from '../lib/index.js';
import { SEEDS } from './helpers.js';

// The user's example pages among the corpus cases.
const pages = readdirSync(SEEDS)
  .filter((d) => d.startsWith('seed-'))
  .map((d) => readFileSync(join(SEEDS, d, 'input.txt')));

t.test('removed_chars counts the cleaned removed texts, the same with and without --explain', async (t) => {
  t.ok(pages.length > 3, 'pages to read');
  for (const bytes of pages) {
    const plain = normalizeDocument({ bytes });
    const explained = normalizeDocument({ bytes }, { explain: true });
    t.ok(explained.stats.removed_chars > 0, 'a page has chrome');
    t.equal(explained.stats.removed_chars, explained.removed!.reduce((n, r) => n + r.text.length, 0));
    t.same({ ...explained, removed: undefined }, plain, 'the rest of the record as without --explain');
  }
  // A removed text is counted as normalized: a letter and its combining accent are one character.
  const page = pages[1]!.toString('utf8') + '\n\n\u00a9 2024 Cafe\u0301 Media. All rights reserved.\n';
  const { removed, stats } = normalizeDocument(page, { explain: true });
  t.ok(removed!.some((r) => r.text === '\u00a9 2024 Caf\u00e9 Media. All rights reserved.'), 'the copyright line, composed');
  t.equal(stats.removed_chars, removed!.reduce((n, r) => n + r.text.length, 0));
  t.equal(normalizeDocument(page).stats.removed_chars, stats.removed_chars);
});
