// One measured run of one engine over one folder, in a process of its own so that
// its peak memory is its own. Prints one JSON line of figures; writes {id, body}
// predictions for the scorer.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareChainThread } from '../lib/chain-thread.js';
import { contentExtension, idFromPath } from '../lib/read.js';
import { ENGINES } from './engines.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    ext: { type: 'string' },
    engine: { type: 'string', default: 'unchrome' },
    out: { type: 'string' },
  },
});
const engine = ENGINES[values.engine!];
if (!engine || !values.dir || !values.ext || !values.out) {
  throw new Error(`usage: run.js --dir DIR --ext EXT --out PRED.jsonl [--engine ${Object.keys(ENGINES).join('|')}]`);
}
// Ours runs here as in each worker of the CLI's pool.
if (values.engine === 'unchrome') prepareChainThread();
const files = readdirSync(values.dir).filter((f) => f.endsWith(values.ext!)).sort();
// Reading is not what we measure: all pages are in memory before the clock starts.
const pages = files.map((f) => ({ id: idFromPath(f), bytes: readFileSync(join(values.dir!, f)), ext: contentExtension(f) }));
const bytes = pages.reduce((n, p) => n + p.bytes.length, 0);

// Between pages the loop yields to the event loop: jsdom frees a window's
// memory only then, and grows without bound in a loop that never yields.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function pass(): Promise<{ lines: string[]; errors: number }> {
  const lines: string[] = [];
  let errors = 0;
  for (const page of pages) {
    let body = '';
    try {
      body = await engine!(page);
    } catch {
      errors++;
    }
    lines.push(JSON.stringify({ id: page.id, body }));
    await yieldToEventLoop();
  }
  return { lines, errors };
}

// A corpus job runs for hours, so what counts is the steady state. V8 compiles
// each function and each regular expression the first time it runs and
// optimises the hot ones later, some only after several passes: with one pass
// untimed, the next four over the text dumps still took 10-40% longer than the
// tenth and later (121-178 ms against 114-150, in three processes), and the
// figure was an average over the optimiser's work in progress. So passes go
// untimed until they add up to 2 s of CPU time (at least one: an HTML pass of
// the baseline's takes longer than that); the first, compiling everything,
// is reported on its own. Passes are then timed until they add up to 2 s of
// CPU time, not of wall time: on a loaded machine a wall budget ended after a
// single pass, however slow.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const wallNow = () => performance.now() / 1e3;
const warmStart = cpuNow();
const firstStart = wallNow();
await pass();
const firstSeconds = wallNow() - firstStart;
let warmupPasses = 1;
while (cpuNow() - warmStart < 2) {
  await pass();
  warmupPasses++;
}
const start = wallNow();
const cpuStart = cpuNow();
const { lines, errors } = await pass();
let passes = 1;
while (cpuNow() - cpuStart < 2) {
  await pass();
  passes++;
}
const seconds = (wallNow() - start) / passes;
// On a shared machine wall time also counts the waits for a core that other
// processes hold; the CPU time this process used (all its threads, GC
// included) is the work itself, and compares runs made under different loads.
const cpuSeconds = (cpuNow() - cpuStart) / passes;
writeFileSync(values.out, lines.join('\n') + '\n');
process.stdout.write(
  JSON.stringify({
    engine: values.engine,
    documents: pages.length,
    errors,
    megabytes: bytes / 1e6,
    seconds,
    docs_per_s: pages.length / seconds,
    mb_per_s: bytes / 1e6 / seconds,
    cpu_seconds: cpuSeconds,
    docs_per_cpu_s: pages.length / cpuSeconds,
    mb_per_cpu_s: bytes / 1e6 / cpuSeconds,
    passes,
    warmup_passes: warmupPasses,
    first_pass_mb_per_s: bytes / 1e6 / firstSeconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
