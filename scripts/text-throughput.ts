// Throughput of the whole text pipeline on one core, in process: reads every
// page dump of a folder first, then times normalizeDocument over all of them.
//   node dist/scripts/text-throughput.js [DIR] [ROUNDS]

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeDocument } from '../lib/index.js';

const dir = process.argv[2] ?? '../shared/bench/article-extraction-text';
const rounds = Number(process.argv[3] ?? 5);
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ id: f, bytes: readFileSync(join(dir, f)), format: 'text' as const, ext: '.txt' }));
const total = pages.reduce((n, p) => n + p.bytes.length, 0);
for (const p of pages) normalizeDocument(p); // warm up the JIT
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  for (const p of pages) normalizeDocument(p);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(`${pages.length} pages, ${(total / 1e6).toFixed(2)} MB: best of ${rounds} rounds ${(best * 1000).toFixed(0)} ms, ${(total / 1e6 / best).toFixed(1)} MB/s`);
