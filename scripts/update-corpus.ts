// `npm run corpus:update [-- slug...]`: rewrite corpus/<slug>/expected.json from
// the current output, after a deliberate change, so that `git diff corpus/`
// shows what moved. Review that diff: the goldens are what a careful reader
// would take out of each page, not whatever the code does today.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkedCases, currentShortfalls, expectedFor, goldenCases, knownShortfalls, recordFor } from './corpus.js';

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

// The checks each page with a check.json does not meet yet. The user's seeds get
// none: a seed that falls short must fail the tests, not be written off here.
for (const c of checkedCases()) {
  if (wanted.length && !wanted.includes(c.slug)) continue;
  const file = join(c.dir, 'shortfalls.json');
  const now = c.slug.startsWith('seed-') ? [] : currentShortfalls(c, recordFor(c));
  const before = knownShortfalls(c);
  if (JSON.stringify(now) === JSON.stringify(before)) continue;
  if (now.length) writeFileSync(file, JSON.stringify(now, null, 2) + '\n');
  else if (existsSync(file)) rmSync(file);
  process.stdout.write(`${c.slug}: ${before.length} -> ${now.length} known shortfall(s)\n`);
}
