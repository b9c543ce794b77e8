// `npm run corpus:update [-- slug...]`: rewrite corpus/<slug>/expected.json from
// the current output, after a deliberate change, so that `git diff corpus/`
// shows what moved. Review that diff: the goldens are what a careful reader
// would take out of each page, not whatever the code does today.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedFor, goldenCases, recordFor } from './corpus.js';

const wanted = process.argv.slice(2);
let changed = 0;
for (const c of goldenCases()) {
  if (wanted.length && !wanted.includes(c.slug)) continue;
  const record = recordFor(c);
  const text = JSON.stringify(record, null, 2) + '\n';
  const before = expectedFor(c);
  if (before && JSON.stringify(before, null, 2) + '\n' === text) continue;
  writeFileSync(join(c.dir, 'expected.json'), text);
  changed++;
  process.stdout.write(`${before ? 'updated' : 'created'} ${c.slug}\n`);
}
process.stdout.write(`${changed} golden file(s) written\n`);
