import t from 'tap';
import { runChecks } from '../scripts/checks.js';
import { checkedCases, knownShortfalls, recordFor } from '../scripts/corpus.js';

// The acceptance tests: corpus cases that carry a check.json (the user's seeds,
// with the expectations from shared/seeds/expected.json, and pages written
// independently of our code) must meet what a careful reader expects of them.
// A check a page does not meet yet is listed in its shortfalls.json and run as a
// tap todo: visible in every run, and any other check failing is a failure.
// The user's seeds may have no shortfalls at all.
const cases = checkedCases();
t.ok(cases.length >= 5, `at least the five seeds carry a check.json (${cases.length} do)`);
for (const c of cases) {
  t.test(c.slug, async (t) => {
    const known = new Set(knownShortfalls(c));
    if (c.slug.startsWith('seed-')) t.equal(known.size, 0, 'the user’s seed pages meet every check');
    for (const r of runChecks(recordFor(c), c.check)) {
      const name = r.name + (r.pass || !r.detail ? '' : `  [${r.detail}]`);
      t.ok(r.pass, name, known.has(r.name) ? { todo: 'known shortfall (shortfalls.json)' } : {});
    }
  });
}
