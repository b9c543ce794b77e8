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
  peakMb: number | null;
  stderr: string;
}

/** Runs the CLI to completion; peak memory is the kernel's high-water mark (VmHWM), read until exit. */
function runCli(args: string[]): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, '--quiet', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakKb: number | null = null;
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const status = `/proc/${child.pid}/status`;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
        if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
      } catch {
        // exited between polls, or no /proc: the last reading stands
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0 && code !== 1) reject(new Error(`normalize exited ${code}: ${stderr}`));
      else resolvePromise({ seconds, peakMb: peakKb === null ? null : peakKb / 1024, stderr });
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
for (const jobs of [1, 2]) {
  let best = Infinity;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runCli(['--jobs', String(jobs), ...Array<string>(repeat).fill(htmlDir)]);
    best = Math.min(best, r.seconds);
    peak = Math.max(peak, r.peakMb ?? 0);
  }
  rate[jobs] = docs / best;
  rows.push(`| HTML pages ×${repeat}, --jobs ${jobs} | ${docs} | ${best.toFixed(2)} | ${rate[jobs]!.toFixed(1)} | ${Math.round(peak)} |`);
  process.stdout.write(`${rows.at(-1)}\n`);
}
const speedup = rate[2]! / rate[1]!;

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
const mem = await runCli([big, '-o', '/dev/null']);
rmSync(work, { recursive: true, force: true });
rows.push(`| ${(written / 1e9).toFixed(2)} GB JSONL (${records} records), --jobs ${cores} | ${records} | ${mem.seconds.toFixed(2)} | ${(records / mem.seconds).toFixed(1)} | ${mem.peakMb === null ? 'n/a' : Math.round(mem.peakMb)} |`);
process.stdout.write(`${rows.at(-1)}\n`);

process.stdout.write(
  `\n| scale run (real CLI) | docs | seconds | docs/s | peak RSS MB |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n` +
    `--jobs 2 / --jobs 1 throughput: ${speedup.toFixed(2)}× (target ≥ 1.7×, on ${cores} cores); ` +
    `peak memory on the JSONL input: ${mem.peakMb === null ? 'n/a' : `${Math.round(mem.peakMb)} MB`} (target < 1024 MB)\n`,
);
