import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { normalizeDocument } from '../lib/index.js';
import { normalize } from '../lib/normalize.js';
import { segmentText } from '../lib/segment.js';
import type { ExtractedDocument } from '../lib/types.js';
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

t.test('texts segment marks final are kept as they are: the record is the one their normalization makes', async (t) => {
  const pageTexts = [...pages.map((b) => b.toString('utf8')), 'Caf\u00e9 menu\n\nCafe\u0301 menu\n\nShare\u00a0on\u2009other  sites\n\nbody\n\nbo\u0301dy'];
  let kept = 0;
  for (const text of pageTexts) {
    const blocks = segmentText(text);
    const body = blocks.filter((_, i) => i % 3 === 0);
    const doc: ExtractedDocument = {
      id: 'page', source: 'page', format: 'text', url: null, title: null, authors: [], published: null, site_name: null, lang: 'en', description: null,
      body: body.map((b) => b.text).join('\n\n'),
      bodyFinal: body.every((b) => b.final),
      comments: [],
      removed: blocks.filter((_, i) => i % 3 !== 0).map((b) => ({ kind: 'boilerplate', text: b.text, final: b.final })),
      inputChars: text.length,
    };
    kept += doc.removed.filter((r) => r.final).length;
    const unmarked = { ...doc, bodyFinal: undefined, removed: doc.removed.map((r) => ({ kind: r.kind, text: r.text })) };
    t.same(normalize(doc, { explain: true }), normalize(unmarked, { explain: true }));
  }
  t.ok(kept > 100, `${kept} removed texts kept as they are`);
});
