import t from 'tap';
import { expectedFor, goldenCases, recordFor } from '../scripts/corpus.js';

// The heart of the suite: every page in corpus/ must still come out exactly as
// its reviewed golden record. After a deliberate change, `npm run corpus:update`
// rewrites the goldens and the diff shows what moved.
const cases = goldenCases();
t.ok(cases.length >= 25, `the corpus holds at least 25 cases (has ${cases.length})`);
for (const c of cases) {
  t.test(c.slug, async (t) => {
    const expected = expectedFor(c);
    t.ok(expected, 'has expected.json');
    if (expected) t.same(recordFor(c), expected);
  });
}
