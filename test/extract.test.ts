import t from 'tap';
import { normalizeDocument } from '../lib/pipeline.js';

// A page dump as lynx prints a news article: a menu, the headline, its credit
// lines, three paragraphs.
const PARAGRAPH =
  'The city council voted on Tuesday to reopen the harbour bridge after eight months of repairs, and the first buses will cross it again next week. ' +
  'Engineers replaced the corroded cables and resurfaced the deck, which had been closed to all traffic since a routine inspection found cracks in two of its supports.';
const page = (credits: string) =>
  ['Skip to content\nHome\nNews\nSport', 'The Harbour Bridge Reopens After Repairs', credits, PARAGRAPH, PARAGRAPH.replace('council', 'mayor'), PARAGRAPH.replace('harbour', 'river')].join('\n\n') + '\n';

t.test('published: the date line that does not say "Updated" wins, wherever it stands', async (t) => {
  for (const credits of ['Updated March 3, 2025\nPublished March 1, 2025\nBy Meg Alvarez', 'By Meg Alvarez\nLast updated March 3, 2025\nMarch 1, 2025']) {
    const record = normalizeDocument(page(credits));
    t.equal(record.published, '2025-03-01', credits);
    t.same(record.authors, ['Meg Alvarez'], credits);
  }
});

t.test('published: an "Updated" date line is read when it is the only one', async (t) => {
  t.equal(normalizeDocument(page('Updated March 3, 2025\nBy Meg Alvarez')).published, '2025-03-03');
});

t.test('a credit line at the head of the page that is neither a date line nor a byline alone gives the author and the date', async (t) => {
  const record = normalizeDocument(page('Posted on March 1, 2025 by Meg Alvarez'));
  t.equal(record.published, '2025-03-01');
  t.same(record.authors, ['Meg Alvarez']);
});

t.test('a forum poster\'s profile at the head of the page is no credit line, though the parsers read its date', async (t) => {
  // The date parser reads "Joined: …" as a date line; the comment rules know it for forum furniture.
  const record = normalizeDocument(page('Joined: Sat Mar 04, 2023 6:40 pm\n\nPosted on March 1, 2025 by Meg Alvarez'));
  t.equal(record.published, '2025-03-01');
  t.same(record.authors, ['Meg Alvarez']);
});
