// Scale figures for `npm run bench`, through the real CLI as users run it:
// throughput on the 181 HTML benchmark pages with --jobs 1 and --jobs 2, and
// peak memory on a 1 GB JSONL input generated into a temporary directory.
// Run alone: `node dist/bench/scale.js [--repeat N] [--gigabytes G]`.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.UNCHROME_BENCH_DATA ?? resolve(root, '../shared/bench');
const bin = join(root, 'bin/normalize.js');
const { values } = parseArgs({
  options: {
    // The page set is given this many times, so that start-up (each worker loads
    // the whole chain) does not hide the steady state a corpus run lives in.
    repeat: { type: 'string', default: '3' },
    runs: { type: 'string', default: '2' },
    gigabytes: { type: 'string', default: '1' },
  },
});
const repeat = Number(values.repeat);
const runs = Number(values.runs);
const gigabytes = Number(values.gigabytes);

interface Run {
  seconds: number;
  /** From the first record out to the last: the rate once every thread has loaded the chain. */
  steadySeconds: number | null;
  lines: number;
  peakMb: number | null;
  /** CPU seconds the process used over its wall time: what the machine gave it. */
  coresUsed: number | null;
}

/**
 * Runs the CLI to completion. Peak memory is the kernel's high-water mark
 * (VmHWM), read until exit; stdout is counted as it comes, unless the
 * arguments send it elsewhere.
 */
function runCli(args: string[]): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let peakKb: number | null = null;
    let lines = 0;
    let first: bigint | null = null;
    let last: bigint | null = null;
    child.stdout.on('data', (c: Buffer) => {
      let n = 0;
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) n++;
      if (n && first === null) first = process.hrtime.bigint();
      if (n) last = process.hrtime.bigint();
      lines += n;
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const status = `/proc/${child.pid}/status`;
    let cpuTicks: number | null = null;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
        // utime and stime, fields 14 and 15, counted after the command name's closing parenthesis
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // exited between polls, or no /proc: the last reading stands
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const steadySeconds = first !== null && last !== null && last > first ? Number(last - first) / 1e9 : null;
      if (code !== 0 && code !== 1) return reject(new Error(`normalize exited ${code}: ${stderr}`));
      // Linux counts CPU time in ticks of 1/100 s (USER_HZ); the last reading is from just before exit.
      const coresUsed = cpuTicks === null ? null : cpuTicks / 100 / seconds;
      resolvePromise({ seconds, steadySeconds, lines, peakMb: peakKb === null ? null : peakKb / 1024, coresUsed });
    });
  });
}

const htmlDir = join(shared, 'article-extraction/html');
if (!existsSync(htmlDir)) {
  process.stderr.write(`bench: no benchmark pages at ${htmlDir} (set UNCHROME_BENCH_DATA)\n`);
  process.exit(2);
}
const pages = readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).length;
const docs = pages * repeat;
const rows: string[] = [];
const rate: Record<number, number> = {};
const steady: Record<number, number> = {};
for (const jobs of [1, 2]) {
  let best = Infinity;
  let bestSteady = Infinity;
  let peak = 0;
  let used = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runCli(['--jobs', String(jobs), ...Array<string>(repeat).fill(htmlDir)]);
    if (r.lines !== docs) throw new Error(`--jobs ${jobs}: ${r.lines} records for ${docs} pages`);
    best = Math.min(best, r.seconds);
    bestSteady = Math.min(bestSteady, r.steadySeconds ?? Infinity);
    peak = Math.max(peak, r.peakMb ?? 0);
    if (r.seconds === best) used = r.coresUsed ?? 0;
  }
  rate[jobs] = docs / best;
  steady[jobs] = (docs - 1) / bestSteady;
  rows.push(`| HTML pages ×${repeat}, --jobs ${jobs} | ${docs} | ${best.toFixed(2)} | ${rate[jobs]!.toFixed(1)} | ${steady[jobs]!.toFixed(1)} | ${Math.round(peak)} | ${used.toFixed(2)} |`);
  process.stdout.write(`${rows.at(-1)}\n`);
}
const speedup = rate[2]! / rate[1]!;
const steadySpeedup = steady[2]! / steady[1]!;

// A crawl-like JSONL file: every benchmark page dump as a record's text, with a
// large raw field that is carried through to meta, so that the input and the
// output both run to about a gigabyte while every record is processed in full.
const work = mkdtempSync(join(tmpdir(), 'unchrome-scale-'));
const big = join(work, 'corpus.jsonl');
const textDir = join(shared, 'article-extraction-text');
const texts = readdirSync(textDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(textDir, f), 'utf8'));
const target = gigabytes * 1e9;
const fd = openSync(big, 'w');
let written = 0;
let records = 0;
while (written < target) {
  const text = texts[records % texts.length]!;
  const raw = text.repeat(Math.ceil((1.5e6 * (1 + (records % 3))) / text.length)).slice(0, 1.5e6 * (1 + (records % 3)));
  const line = JSON.stringify({ id: `r${records}`, url: `https://example.org/${records}`, text, raw }) + '\n';
  written += writeSync(fd, line);
  records++;
}
closeSync(fd);
const cores = availableParallelism();
// CPU time over wall time: on a machine other work shares, --jobs 2 can only be
// faster than --jobs 1 when it is given more than one core's worth of CPU.
const mem = await runCli([big, '-o', '/dev/null']);
rmSync(work, { recursive: true, force: true });
rows.push(`| ${(written / 1e9).toFixed(2)} GB JSONL (${records} records), --jobs ${cores} | ${records} | ${mem.seconds.toFixed(2)} | ${(records / mem.seconds).toFixed(1)} | | ${mem.peakMb === null ? 'n/a' : Math.round(mem.peakMb)} | ${(mem.coresUsed ?? 0).toFixed(2)} |`);
process.stdout.write(`${rows.at(-1)}\n`);

process.stdout.write(
  `\n| scale run (real CLI) | docs | seconds | docs/s | docs/s, first to last record | peak RSS MB | cores used |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n\n` +
    `--jobs 2 / --jobs 1 throughput: ${steadySpeedup.toFixed(2)}× from first to last record (target ≥ 1.7×), ` +
    `${speedup.toFixed(2)}× over the whole run with start-up, on ${cores} cores; ` +
    `peak memory on the JSONL input: ${mem.peakMb === null ? 'n/a' : `${Math.round(mem.peakMb)} MB`} (target < 1024 MB)\n`,
);
