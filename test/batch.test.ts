import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BIN, SEEDS, cli, files, tempDir, until } from './helpers.js';

const SEED_NAMES = readdirSync(SEEDS).filter((n) => n.startsWith('seed-'));
const seed = (i: number) => readFileSync(join(SEEDS, SEED_NAMES[i % SEED_NAMES.length]!, 'input.txt'));

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGKILL');
  });
}

const ids = (dir: string) =>
  files(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => (JSON.parse(l) as { id: string }).id);

t.test('--out-dir mirrors the input tree, one .jsonl per input file, with a summary line', async (t) => {
  const dir = tempDir();
  mkdirSync(join(dir, 'in/news/2024'), { recursive: true });
  writeFileSync(join(dir, 'in/news/2024/a.txt'), seed(0));
  writeFileSync(join(dir, 'in/news/b.txt'), seed(1));
  writeFileSync(join(dir, 'in/list.jsonl'), [seed(2), seed(3)].map((s, i) => JSON.stringify({ id: `j${i}`, text: s.toString() })).join('\n') + '\n');
  const r = await cli(['--jobs', '2', '--out-dir', join(dir, 'out'), join(dir, 'in')]);
  t.equal(r.code, 0, r.stderr);
  t.same(files(join(dir, 'out')), ['list.jsonl', 'news/2024/a.txt.jsonl', 'news/b.txt.jsonl']);
  t.same(ids(join(dir, 'out')).sort(), ['a', 'b', 'j0', 'j1']);
  t.match(r.stderr, /^normalize: 4 documents, 0 errors, [\d.]+ MB, [\d.]+ documents\/s\n$/);
});

t.test('killed midway and resumed: every document exactly once, no partial file', async (t) => {
  const dir = tempDir();
  for (const part of ['a', 'b']) {
    mkdirSync(join(dir, part));
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, part, `${part}${i}.txt`), seed(i));
  }
  const out = join(dir, 'out');
  // Stdin between the two folders, held open: the run finishes folder a, starts
  // on stdin and waits there, so it is killed at a known point every time.
  const args = ['--jobs', '2', '--out-dir', out, join(dir, 'a'), '-', join(dir, 'b')];
  const first = start(args);
  await until('folder a written and stdin started', () => files(out).filter((f) => /^a\d\.txt\.jsonl$/.test(f)).length === 6 && existsSync(join(out, '.stdin.jsonl.partial')));
  await kill(first);
  t.same(
    files(out).filter((f) => !f.startsWith('a')),
    ['.stdin.jsonl.partial'],
    'killed with stdin under way and folder b not started',
  );

  const resumed = await cli(['--resume', ...args], seed(2));
  t.equal(resumed.code, 0, resumed.stderr);
  t.match(resumed.stderr, /7 documents, 0 errors, .*6 inputs already done/, 'the six finished inputs were not redone');
  t.same(files(out), [...['a', 'b'].flatMap((p) => [0, 1, 2, 3, 4, 5].map((i) => `${p}${i}.txt.jsonl`)), 'stdin.jsonl'].sort(), 'no partial file left');
  t.same(ids(out).sort(), [...[0, 1, 2, 3, 4, 5].flatMap((i) => [`a${i}`, `b${i}`]), 'stdin'].sort(), 'every document exactly once');
});

t.test('--shard-size: a killed JSONL stream resumes after its last whole shard', async (t) => {
  const dir = tempDir();
  const out = join(dir, 'out');
  // Some lines fail, told on stderr only: a shard is ten documents, not ten lines.
  const bad = (i: number) => i % 7 === 3;
  const lines = Array.from({ length: 25 }, (_, i) => (bad(i) ? `{"id":"r${i}",\n` : JSON.stringify({ id: `r${i}`, text: seed(i).toString() }) + '\n')).join('');
  const args = ['--jobs', '2', '--out-dir', out, '--shard-size', '10', '-'];
  const first = start(args);
  first.stdin!.write(lines);
  await until('two whole shards and a third begun', () => existsSync(join(out, 'stdin.00001.jsonl')) && existsSync(join(out, '.stdin.00002.jsonl.partial')));
  await kill(first);
  t.same(files(out), ['.stdin.00002.jsonl.partial', 'stdin.00000.jsonl', 'stdin.00001.jsonl']);

  const resumed = await cli(['--resume', ...args], lines);
  t.equal(resumed.code, 1, 'a failed line makes the exit code 1');
  t.match(resumed.stderr, /^normalize: -: line 25: not valid JSON[^\n]*\nnormalize: 5 documents, 1 errors,/, 'only the documents after the whole shards were processed');
  t.same(files(out), ['stdin.00000.jsonl', 'stdin.00001.jsonl', 'stdin.00002.jsonl']);
  const good = Array.from({ length: 25 }, (_, i) => i).filter((i) => !bad(i));
  t.same(ids(out), good.map((i) => `r${i}`), 'every document exactly once, in order');
  t.same(
    files(out).map((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).length),
    [0, 1, 2].map((k) => good.filter((i) => i >= k * 10 && i < k * 10 + 10).length),
    'shards of ten documents each, failures left out',
  );
});

t.test('--resume and --shard-size need --out-dir', async (t) => {
  const r = await cli(['--resume', '-'], 'x');
  t.equal(r.code, 2);
  t.match(r.stderr, /--shard-size and --resume need --out-dir/);
});

t.test('progress: documents, MB, rate and, for inputs of known size, an ETA; drawn in place and cleared', async (t) => {
  const { describeProgress, progressLine } = await import('../lib/progress.js');
  const known = describeProgress({ documents: 50, failures: 2, bytes: 25e6, totalBytes: 100e6, seconds: 10 });
  t.equal(known, '50 documents, 2 errors, 25.0 MB of 100.0 MB, 5.0 docs/s, ETA 30s');
  t.notMatch(describeProgress({ documents: 50, failures: 0, bytes: 25e6, totalBytes: null, seconds: 10 }), /ETA/, 'stdin: no ETA');
  const drawn: string[] = [];
  const line = progressLine({ write: (s: string) => drawn.push(s), columns: 30 });
  line.update({ documents: 1, failures: 0, bytes: 1e6, totalBytes: 2e6, seconds: 1 });
  line.update({ documents: 2, failures: 0, bytes: 2e6, totalBytes: 2e6, seconds: 1 }); // within 200 ms: not redrawn
  line.clear();
  t.equal(drawn.length, 2);
  t.match(drawn[0], /^\r1 documents, 0 errors, 1\.0 MB\x1b\[K$/, 'one line, cut to the terminal width, redrawn in place');
  t.equal(drawn[1], '\r\x1b[K');
});

t.test('progress is silent when stderr is not a terminal', async (t) => {
  const r = await cli(['--jobs', '1', '-'], seed(0));
  t.equal(r.code, 0);
  t.equal(r.stderr, '', 'no progress, no summary in a pipeline');
});
