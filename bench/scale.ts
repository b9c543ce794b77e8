// Scale figures for `npm run bench`, through the real CLI as users run it:
// throughput on the 181 HTML benchmark pages with --jobs 1 and --jobs 2, and
// peak memory on a 1 GB JSONL input generated into a temporary directory.
// Each run's CPU time is read per thread, so that a run on a machine others
// share still says what it costs, and what it would take on idle cores.
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
  cpu: ThreadCpu | null;
}

/** CPU seconds by thread: what each part of the run costs, whatever else the machine is doing. */
interface ThreadCpu {
  /** The thread that reads, dispatches and writes. */
  main: number;
  /** The `jobs` busiest other threads: the workers running the chain. */
  workers: number[];
  /** Everything else: V8's GC and compiler threads, libuv's I/O and zlib threads. */
  other: number;
}

/**
 * What the run would take on idle cores, from its CPU time: no thread can
 * finish before its own CPU time, and all of it together cannot take less
 * than its total spread over every core. On a machine other work shares, wall
 * time says more about the others than about us; this does not.
 */
function idleSeconds(cpu: ThreadCpu, cores: number): number {
  const total = cpu.main + cpu.other + cpu.workers.reduce((a, b) => a + b, 0);
  return Math.max(cpu.main, ...cpu.workers, total / cores);
}

/** utime + stime of one task, in seconds: fields 14 and 15, counted after the command name's closing parenthesis. */
function taskSeconds(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Linux counts CPU time in ticks of 1/100 s (USER_HZ).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs the CLI to completion. Peak memory is the kernel's high-water mark
 * (VmHWM), read until exit; stdout is counted as it comes, unless the
 * arguments send it elsewhere.
 */
function runCli(args: string[], jobs: number): Promise<Run> {
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
    let cpuSeconds: number | null = null;
    // The last reading of each thread: a worker's thread is gone once the pool ends.
    const threads = new Map<string, number>();
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
        cpuSeconds = taskSeconds(`/proc/${child.pid}/stat`);
        for (const tid of readdirSync(`/proc/${child.pid}/task`)) threads.set(tid, taskSeconds(`/proc/${child.pid}/task/${tid}/stat`));
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
      // The last reading is from just before exit.
      const coresUsed = cpuSeconds === null ? null : cpuSeconds / seconds;
      const main = threads.get(String(child.pid));
      let cpu: ThreadCpu | null = null;
      if (main !== undefined) {
        const rest = [...threads].filter(([tid]) => tid !== String(child.pid)).map(([, s]) => s).sort((a, b) => b - a);
        cpu = { main, workers: rest.slice(0, jobs), other: rest.slice(jobs).reduce((a, b) => a + b, 0) };
      }
      resolvePromise({ seconds, steadySeconds, lines, peakMb: peakKb === null ? null : peakKb / 1024, coresUsed, cpu });
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
const idle: Record<number, number> = {};
const threadCpu: Record<number, ThreadCpu> = {};
const cores = availableParallelism();
const seconds = (cpu: ThreadCpu) => `${cpu.main.toFixed(1)} / ${cpu.workers.map((w) => w.toFixed(1)).join(' + ')} / ${cpu.other.toFixed(1)}`;
for (const jobs of [1, 2]) {
  let best = Infinity;
  let bestSteady = Infinity;
  let bestIdle = Infinity;
  let peak = 0;
  let used = 0;
  let cpu = '';
  for (let i = 0; i < runs; i++) {
    const r = await runCli(['--jobs', String(jobs), ...Array<string>(repeat).fill(htmlDir)], jobs);
    if (r.lines !== docs) throw new Error(`--jobs ${jobs}: ${r.lines} records for ${docs} pages`);
    best = Math.min(best, r.seconds);
    bestSteady = Math.min(bestSteady, r.steadySeconds ?? Infinity);
    peak = Math.max(peak, r.peakMb ?? 0);
    if (r.seconds === best) used = r.coresUsed ?? 0;
    if (r.cpu && idleSeconds(r.cpu, cores) < bestIdle) {
      bestIdle = idleSeconds(r.cpu, cores);
      cpu = seconds(r.cpu);
      threadCpu[jobs] = r.cpu;
    }
  }
  rate[jobs] = docs / best;
  steady[jobs] = (docs - 1) / bestSteady;
  idle[jobs] = docs / bestIdle;
  rows.push(
    `| HTML pages ×${repeat}, --jobs ${jobs} | ${docs} | ${best.toFixed(2)} | ${rate[jobs]!.toFixed(1)} | ${steady[jobs]!.toFixed(1)} | ${Math.round(peak)} | ${used.toFixed(2)} | ${cpu || 'n/a'} | ${cpu ? idle[jobs]!.toFixed(1) : 'n/a'} |`,
  );
  process.stdout.write(`${rows.at(-1)}\n`);
}
const speedup = rate[2]! / rate[1]!;
const steadySpeedup = steady[2]! / steady[1]!;
const idleSpeedup = idle[2]! / idle[1]!;
// Cores one job keeps busy: its worker's, plus the main thread's and V8's
// compiler and GC threads'. --jobs 2 cannot be faster than the cores there are
// over those one job takes.
const one = threadCpu[1];
const perJob = one ? (one.main + one.other + one.workers[0]!) / one.workers[0]! : null;

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
// CPU time over wall time: on a machine other work shares, --jobs 2 can only be
// faster than --jobs 1 when it is given more than one core's worth of CPU.
const mem = await runCli([big, '-o', '/dev/null'], cores);
rmSync(work, { recursive: true, force: true });
rows.push(`| ${(written / 1e9).toFixed(2)} GB JSONL (${records} records), --jobs ${cores} | ${records} | ${mem.seconds.toFixed(2)} | ${(records / mem.seconds).toFixed(1)} | | ${mem.peakMb === null ? 'n/a' : Math.round(mem.peakMb)} | ${(mem.coresUsed ?? 0).toFixed(2)} | ${mem.cpu ? seconds(mem.cpu) : 'n/a'} | |`);
process.stdout.write(`${rows.at(-1)}\n`);

process.stdout.write(
  `\n| scale run (real CLI) | docs | seconds | docs/s | docs/s, first to last record | peak RSS MB | cores used | CPU s: main / workers / other threads | docs/s on idle cores, from CPU |\n|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n\n` +
    `The ${pages} pages are given ${repeat} times over, so that start-up does not hide the steady state; best of ${runs} runs each.\n` +
    `--jobs 2 / --jobs 1 throughput: ${steadySpeedup.toFixed(2)}× from first to last record (target ≥ 1.7×), ` +
    `${speedup.toFixed(2)}× over the whole run with start-up, ${idleSpeedup.toFixed(2)}× from CPU time as on idle cores, on ${cores} cores` +
    (perJob ? ` (one job keeps ${perJob.toFixed(2)} cores busy: at most ${Math.min(2, cores / perJob).toFixed(2)}× here); ` : '; ') +
    `peak memory on the JSONL input: ${mem.peakMb === null ? 'n/a' : `${Math.round(mem.peakMb)} MB`} (target < 1024 MB)\n`,
);
