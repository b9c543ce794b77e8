// `npm run bench`: quality (body precision/recall/F1 by shared/bench/score.py)
// and speed (documents/s, MB/s, peak memory; one core) of every configuration
// below, each run in a child process of its own. MB per CPU-s counts the
// process's CPU time (GC threads included) instead of wall time: on a machine
// other work shares, it is the figure that still says what one core does.
// The first pass's MB/s is the cold figure: every function compiled on the way,
// as in a run over a handful of pages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.UNCHROME_BENCH_DATA ?? resolve(root, '../shared/bench');
const truth = join(shared, 'article-extraction/ground-truth.json');

interface Config {
  name: string;
  dir: string;
  ext: string;
  engine: string;
}

const CONFIGS: Config[] = [
  { name: 'text dumps: unchrome', dir: join(shared, 'article-extraction-text'), ext: '.txt', engine: 'unchrome' },
  { name: 'HTML: unchrome', dir: join(shared, 'article-extraction/html'), ext: '.html.gz', engine: 'unchrome' },
  { name: 'HTML: readability-jsdom (baseline)', dir: join(shared, 'article-extraction/html'), ext: '.html.gz', engine: 'readability-jsdom' },
];

if (!existsSync(truth)) {
  process.stderr.write(`bench: no benchmark data at ${shared} (set UNCHROME_BENCH_DATA)\n`);
  process.exit(2);
}
const only = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'unchrome-bench-'));
const rows: string[] = [];
for (const [i, c] of CONFIGS.entries()) {
  if (only.length && !only.some((o) => c.name.includes(o))) continue;
  const pred = join(work, `pred-${i}.jsonl`);
  const run = JSON.parse(
    execFileSync(process.execPath, [join(root, 'dist/bench/run.js'), '--dir', c.dir, '--ext', c.ext, '--engine', c.engine, '--out', pred], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
  const score = JSON.parse(execFileSync('python3', [join(shared, 'score.py'), '--truth', truth, '--pred', pred, '--json'], { encoding: 'utf8' }));
  const row = `| ${c.name} | ${run.documents} | ${fmt(score.precision)} | ${fmt(score.recall)} | ${fmt(score.f1)} | ${run.docs_per_s.toFixed(1)} | ${run.mb_per_s.toFixed(2)} | ${run.mb_per_cpu_s.toFixed(2)} | ${run.first_pass_mb_per_s.toFixed(2)} | ${Math.round(run.peak_rss_mb)} |${run.errors ? ` ${run.errors} errors` : ''}`;
  rows.push(row);
  process.stdout.write(`${row}\n`);
}
process.stdout.write(
  `\n| configuration | docs | precision | recall | F1 | docs/s | MB/s | MB per CPU-s | first pass MB/s | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);

// Scale: the real CLI on one and two cores, and memory on a 1 GB JSONL input.
if (!only.length || only.includes('scale')) execFileSync(process.execPath, [join(root, 'dist/bench/scale.js')], { stdio: 'inherit' });

function fmt(x: number): string {
  return x.toFixed(4);
}
