import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { type PageCheck, runChecks } from '../scripts/checks.js';
import { goldenCases, recordFor } from '../scripts/corpus.js';

// The acceptance tests: corpus cases that carry a check.json (the user's seeds,
// with the expectations from shared/seeds/expected.json, and pages written for
// the rules we claim) must meet what a careful reader expects of them.
const cases = goldenCases().filter((c) => existsSync(join(c.dir, 'check.json')));
t.ok(cases.length >= 5, `at least the five seeds carry a check.json (${cases.length} do)`);
for (const c of cases) {
  t.test(c.slug, async (t) => {
    const spec = JSON.parse(readFileSync(join(c.dir, 'check.json'), 'utf8')) as PageCheck;
    for (const r of runChecks(recordFor(c), spec)) t.ok(r.pass, r.name + (r.pass || !r.detail ? '' : `  [${r.detail}]`));
  });
}
