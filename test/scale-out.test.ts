import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BIN, ROOT, SEEDS, tempDir } from './helpers.js';

// The README's "Scale out" section, run as written: its commands are taken from
// the README itself, with a `normalize` on PATH that is this checkout's CLI.

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Scale out'));
const nextHeading = section.indexOf('\n## ', 5);
const text = nextHeading > 0 ? section.slice(0, nextHeading) : section;
const blocks = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
const shellLines = blocks.filter((b) => b.lang === 'sh').flatMap((b) => b.body.replace(/\\\n\s*/g, '').split('\n')).filter(Boolean);

const SEED_NAMES = readdirSync(SEEDS).filter((n) => n.startsWith('seed-'));
const page = (i: number) => readFileSync(join(SEEDS, SEED_NAMES[i % SEED_NAMES.length]!, 'input.txt'), 'utf8');

/** A crawl-like JSONL file: records with ids, and some lines that cannot be processed. */
function crawl(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 0 ? `{"id":"r${i}","text":` : i % 10 === 5 ? JSON.stringify({ id: `r${i}` }) : JSON.stringify({ id: `r${i}`, url: `https://example.org/${i}`, text: page(i), lang_hint: 'en' }),
  );
}

function workspace(): { dir: string; env: NodeJS.ProcessEnv; lines: string[] } {
  const dir = tempDir();
  mkdirSync(join(dir, 'bin'));
  const shim = join(dir, 'bin/normalize');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  const lines = crawl(60);
  writeFileSync(join(dir, 'crawl.jsonl'), lines.join('\n') + '\n');
  return { dir, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` }, lines };
}

function sh(command: string, dir: string, env: NodeJS.ProcessEnv, input?: string) {
  return spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28, ...(input !== undefined && { input }) });
}

/** What each output line says about its input line: the record's id, or the error's code. */
const outline = (l: string) => {
  const r = JSON.parse(l) as { id: string; error?: { code: string } };
  return r.error ? `error:${r.error.code}` : r.id;
};
const expected = (lines: string[]) => lines.map((l, i) => (i % 10 === 0 ? 'error:bad-json' : i % 10 === 5 ? 'error:no-content-field' : (JSON.parse(l) as { id: string }).id));

t.test('the README shows GNU parallel (--pipe, and -S) and Spark and Hadoop Streaming', async (t) => {
  t.ok(shellLines.some((l) => l.startsWith('parallel --pipe') && !l.includes(' -S ')));
  t.ok(shellLines.some((l) => l.startsWith('parallel --pipe') && l.includes(' -S ')));
  t.ok(blocks.some((b) => b.lang === 'python' && b.body.includes('.pipe(')));
  t.ok(shellLines.some((l) => l.includes('hadoop-streaming') && l.includes('-mapper')));
});

t.test('GNU parallel, as in the README: one line out per line in, in order', async (t) => {
  if (spawnSync('parallel', ['--version']).error) {
    t.skip('GNU parallel is not installed (apt-get install parallel; .ci/run installs it)');
    return;
  }
  for (const command of shellLines.filter((l) => l.startsWith('parallel '))) {
    const { dir, env, lines } = workspace();
    // Other machines are not there in a test: `:` alone is this machine, over the same -S code path.
    const local = command.replace(/ -S \S+/, ' -S :').replace('parallel ', 'parallel --will-cite ');
    const r = sh(local, dir, env);
    t.equal(r.status, 0, `${local}: ${r.stderr}`);
    const out = readFileSync(join(dir, 'clean.jsonl'), 'utf8').split('\n').slice(0, -1);
    t.same(out.map(outline), expected(lines), `${local}: every line answered, in order`);
  }
});

t.test('Spark RDD.pipe, as in the README: a partition keeps its length and order', async (t) => {
  const python = blocks.find((b) => b.lang === 'python' && b.body.includes('.pipe('))!.body;
  const command = /\.pipe\("([^"]+)"\)/.exec(python)![1]!;
  const { dir, env, lines } = workspace();
  const partition = lines.slice(17, 41);
  const r = sh(command, dir, env, partition.join('\n') + '\n');
  t.equal(r.status, 0, r.stderr);
  t.same(r.stdout.split('\n').slice(0, -1).map(outline), expected(lines).slice(17, 41));
});

t.test('Hadoop Streaming mapper, as in the README: records on stdout, counters on stderr', async (t) => {
  const command = /-mapper "([^"]+)"/.exec(shellLines.find((l) => l.includes('-mapper'))!)![1]!;
  const { dir, env, lines } = workspace();
  const r = sh(command, dir, env, lines.join('\n') + '\n');
  t.equal(r.status, 0, r.stderr);
  t.same(r.stdout.split('\n').slice(0, -1).map(outline), expected(lines));
  const counter = (name: string) => Number(new RegExp(`^reporter:counter:normalize,${name},(\\d+)$`, 'm').exec(r.stderr)?.[1]);
  t.equal(counter('documents'), lines.length);
  t.equal(counter('errors'), expected(lines).filter((e) => e.startsWith('error:')).length);
  t.equal(counter('input_bytes'), Buffer.byteLength(lines.join('\n') + '\n'));
});

t.test('batch directories, as in the README: a run, then --resume finds everything done', async (t) => {
  const [run, resume] = shellLines.filter((l) => l.startsWith('normalize crawl/'));
  const { dir, env } = workspace();
  mkdirSync(join(dir, 'crawl/2024'), { recursive: true });
  writeFileSync(join(dir, 'crawl/2024/a.jsonl'), crawl(30).join('\n') + '\n');
  const first = sh(run!, dir, env);
  t.equal(first.status, 1, 'failed lines make the exit code 1 without --errors inline');
  t.same(readdirSync(join(dir, 'clean/2024')), ['a.00000.jsonl']);
  t.match(first.stderr, /normalize: 30 documents, 6 errors/);
  const again = sh(resume!.replace(/#.*/, ''), dir, env);
  t.match(again.stderr, /normalize: 0 documents, 0 errors, .*1 inputs already done/);
  t.same(readdirSync(join(dir, 'clean/2024')), ['a.00000.jsonl']);
});
