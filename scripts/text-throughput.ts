// Throughput of the whole text pipeline on one core, in process: reads every
// page dump of a folder first, then runs each stage over all of them in turn,
// timing each stage. CPU time is reported beside wall time: on a shared machine it is
// the closer measure of what one core does.
//   node dist/scripts/text-throughput.js [DIR] [ROUNDS]

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepareChainThread } from '../lib/chain-thread.js';
import { resolveOptions } from '../lib/options.js';
import { STAGES, toRawDocument } from '../lib/pipeline.js';

// The stages run here as in each worker of the CLI's pool.
prepareChainThread();
const dir = process.argv[2] ?? '../shared/bench/article-extraction-text';
const rounds = Number(process.argv[3] ?? 5);
const options = resolveOptions({});
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => toRawDocument({ id: f, source: f, bytes: readFileSync(join(dir, f)), format: 'text', ext: '.txt' }, options));
const mb = pages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Each stage runs over every page before the next starts, so that the clock is
// read once per stage and round: read per page and stage, process.cpuUsage (a
// system call) took about a tenth of the profile and was charged to the stages.
let best = { wall: Infinity, cpu: Infinity, stages: [] as number[] };
for (let r = 0; r <= rounds; r++) {
  const wall0 = performance.now();
  const cpu0 = cpu();
  let docs: unknown[] = pages;
  const stages = STAGES.map((run) => {
    const t0 = cpu();
    docs = docs.map((doc) => run(doc, options));
    return cpu() - t0;
  });
  const round = { wall: (performance.now() - wall0) / 1000, cpu: cpu() - cpu0, stages };
  if (r > 0 && round.cpu < best.cpu) best = round; // round 0 warms the JIT up
}
console.log(`${pages.length} pages, ${mb.toFixed(2)} MB, best of ${rounds} rounds:`);
console.log(`  wall ${(best.wall * 1000).toFixed(0)} ms = ${(mb / best.wall).toFixed(1)} MB/s; cpu ${(best.cpu * 1000).toFixed(0)} ms = ${(mb / best.cpu).toFixed(1)} MB/s`);
STAGES.forEach((run, k) => console.log(`  ${run.name.padEnd(10)} ${(best.stages[k]! * 1000).toFixed(0).padStart(6)} ms cpu = ${(mb / best.stages[k]!).toFixed(1)} MB/s`));
