import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { normalizeDocument } from '../lib/index.js';
import type { DocumentRecord } from '../lib/types.js';

// One fixture per comment system, written after the markup each system emits.
// The expected values are what that markup states: who, when (from `datetime`
// or the system's own stamp), and which post a quote quotes.
const ROOT = new URL('..', import.meta.url).pathname;
const record = (slug: string): DocumentRecord =>
  normalizeDocument({ id: slug, source: slug, bytes: readFileSync(join(ROOT, 'corpus', slug, 'input.html')), ext: '.html' });

interface Want {
  author: string;
  posted: string;
  starts: string;
  quotes?: { author: string | null; starts: string }[];
}

function holdsComments(t: Test, r: DocumentRecord, want: Want[]) {
  t.equal(r.comments.length, want.length, `${want.length} comments`);
  want.forEach((w, i) => {
    const c = r.comments[i];
    if (!c) return;
    t.equal(c.author, w.author, `comment ${i + 1}: author`);
    t.equal(c.posted, w.posted, `comment ${i + 1}: posted`);
    t.ok(c.text.startsWith(w.starts), `comment ${i + 1}: text starts "${w.starts}"`);
    t.same(
      c.quotes.map((q) => q.author),
      (w.quotes ?? []).map((q) => q.author),
      `comment ${i + 1}: quote authors`,
    );
    (w.quotes ?? []).forEach((q, k) => t.ok(c.quotes[k]?.text.startsWith(q.starts), `comment ${i + 1}: quote ${k + 1} text`));
    for (const q of c.quotes) t.notOk(c.text.includes(q.text), `comment ${i + 1}: quoted text is not repeated in the reply`);
  });
  for (const c of r.comments) t.notOk(r.body.includes(c.text.slice(0, 40)), `comment by ${c.author} is not in the body`);
}

t.test('WordPress: nested replies in page order, pingbacks left out', async (t) => {
  const r = record('html-wordpress');
  holdsComments(t, r, [
    { author: 'Derek Haines', posted: '2024-09-14T10:12:45+01:00', starts: 'Does the same trick work for cucumbers?' },
    { author: 'Margaret Oyelaran', posted: '2024-09-14T11:40:02+01:00', starts: 'It does, Derek.', quotes: [{ author: 'Derek Haines', starts: 'Does the same trick' }] },
    { author: 'Priya', posted: '2024-09-15T19:03:10+01:00', starts: 'I tried this last year' },
  ]);
  t.match(r.comments[2]!.text, /post\.\n\nEvery single seed/, 'paragraphs of a comment stay apart');
  t.notMatch(JSON.stringify(r), /Leave a Reply|Your email address|Pingback/, 'reply form and pingbacks are gone');
});

t.test('Blogger: threaded replies, dates from the written timestamp', async (t) => {
  holdsComments(t, record('html-blogger'), [
    { author: 'Andrés M.', posted: '2023-05-20T18:26', starts: '¿Se puede hacer con niños pequeños?' },
    { author: 'Lucía Ferrández', posted: '2023-05-20T19:03', starts: 'Sí, Andrés.' },
    { author: 'Anónimo', posted: '2023-05-21T22:10', starts: 'La tabla suelta' },
  ]);
});

t.test('Disqus embed saved with the page', async (t) => {
  const r = record('html-disqus');
  holdsComments(t, r, [
    { author: 'Hanneke V.', posted: '2024-03-02T09:14', starts: 'Took the Vienna sleeper' },
    { author: 'K. W. Martin', posted: '2024-03-02T11:40', starts: 'Low bar, but fair.', quotes: [{ author: null, starts: "the breakfast was better than any airport's" }] },
    { author: 'Guest', posted: '2024-03-03T20:02', starts: 'Three nights a week' },
  ]);
  t.notMatch(r.body, /Join the discussion|Powered by Disqus|Load more comments/);
});

t.test('Discourse: the first post is the article, quotes name their author', async (t) => {
  const r = record('html-discourse');
  t.match(r.body, /^Since the clocks went back on Sunday/);
  t.same(r.authors, ['mkovacs']);
  holdsComments(t, r, [
    { author: 'ingrid_s', posted: '2023-10-30T08:05:40Z', starts: 'Vixie cron does', quotes: [{ author: 'mkovacs', starts: 'I thought cron handled DST by itself.' }] },
    { author: 'mkovacs', posted: '2023-10-30T09:17:03Z', starts: 'Moved it to 04:30.' },
  ]);
});

t.test('Invision (IPS): quote author and time from the quote markup', async (t) => {
  const r = record('html-invision');
  t.match(r.body, /^The manual for my 1987 900 says DOT 3/);
  holdsComments(t, r, [
    { author: 'Gunnar T', posted: '2024-02-11T17:02:48Z', starts: 'DOT 4 mixes with DOT 3', quotes: [{ author: 'Olle_B', starts: 'Can I top up with DOT 4' }] },
    { author: 'Olle_B', posted: '2024-02-12T08:30:00Z', starts: 'Flushed it at the weekend' },
  ]);
  t.equal(r.comments[0]!.quotes[0]!.posted, '2024-02-11T16:20:05Z');
});

t.test('phpBB: "X hat geschrieben" quotes, first post as body and byline', async (t) => {
  const r = record('html-phpbb');
  t.same(r.authors, ['HolgerK']);
  t.equal(r.published, '2024-01-08T06:52:31+00:00');
  t.match(r.body, /200 Liter\.\n\nIst das normal/, 'two <br> make a paragraph break');
  holdsComments(t, r, [
    { author: 'Energieberaterin_Ute', posted: '2024-01-08T09:14:02+00:00', starts: 'Bei Frost ist das Takten', quotes: [{ author: 'HolgerK', starts: 'Die Vorlauftemperatur' }] },
    { author: 'HolgerK', posted: '2024-01-09T18:40:55+00:00', starts: 'Danke!' },
  ]);
});

t.test('vBulletin: "Originally Posted by" quotes, month-first dates', async (t) => {
  const r = record('html-vbulletin');
  t.same(r.authors, ['riverbend_al']);
  t.equal(r.published, '2021-03-14T19:12');
  holdsComments(t, r, [
    { author: 'Old Salt Pete', posted: '2021-03-14T20:03', starts: 'The shop probably spooled it', quotes: [{ author: 'riverbend_al', starts: "It's new 8 lb mono" }] },
  ]);
  t.notMatch(r.comments[0]!.quotes[0]!.text, /Originally Posted by|Quote:/);
});

t.test('generic schema.org comments under #comments', async (t) => {
  holdsComments(t, record('html-generic-comments'), [
    { author: 'Jean-Marc', posted: '2024-04-03T12:45:00+02:00', starts: "J'imprime une photo" },
    { author: 'Sophie L.', posted: '2024-04-04T08:10:00+02:00', starts: 'À condition de ne pas la ranger', quotes: [{ author: null, starts: 'Un tirage papier' }] },
  ]);
});

t.test('a page without comment markup has none', async (t) => {
  t.same(record('html-news-chrome').comments, []);
});
