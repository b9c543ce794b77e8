import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BIN, SEEDS, cli, files, tempDir, until } from './helpers.js';

// SIGINT and SIGTERM stop a run cleanly: what is finished is written, in order
// and in whole lines; a batch's unfinished file is removed, so --resume redoes
// exactly what was not done; the exit code is 128 + the signal's number.

const PAGES = readdirSync(SEEDS).filter((n) => n.startsWith('seed-') || n.startsWith('bench-'));
const page = (i: number) => readFileSync(join(SEEDS, PAGES[i % PAGES.length]!, 'input.txt'));

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI with stdin held open, so that after its folders it waits there: a run midway by construction. */
function start(args: string[]): { child: ChildProcess; out: { stdout: string; stderr: string }; done: Promise<Stopped> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c));
  child.stderr!.on('data', (c: Buffer) => (out.stderr += c));
  const done = new Promise<Stopped>((resolve) => {
    // A run that does not stop is killed, and fails on its exit code.
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, ...out });
    });
  });
  return { child, out, done };
}

function folder(dir: string, prefix: string, n: number): string {
  const path = join(dir, prefix);
  mkdirSync(path);
  for (let i = 0; i < n; i++) writeFileSync(join(path, `${prefix}${String(i).padStart(2, '0')}.txt`), page(i));
  return path;
}

const ids = (dir: string) =>
  files(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => (JSON.parse(l) as { id: string }).id);

t.test('SIGTERM stops an --out-dir batch: exit 143, no partial file; --resume does the rest, each document once', async (t) => {
  const dir = tempDir();
  const a = folder(dir, 'a', 12);
  const b = folder(dir, 'b', 12);
  const out = join(dir, 'out');
  const args = ['--jobs', '2', '--out-dir', out, a, '-', b];
  const run = start(args);
  // The first output file is whole: the run is under way. Stdin, still open, keeps folder b from starting.
  await until('a first output file', () => files(out).some((f) => f.endsWith('.txt.jsonl')));
  run.child.kill('SIGTERM');
  const stopped = await run.done;
  t.equal(stopped.code, 143, 'exit 143');
  t.match(stopped.stderr, /stopped by SIGTERM/);
  t.same(files(out).filter((f) => f.endsWith('.partial')), [], 'no partial file left');
  t.notOk(files(out).some((f) => f.startsWith('b')), 'folder b was never started');
  const before = ids(out);
  t.ok(before.length >= 1, `${before.length} documents done before the stop`);

  const resumed = await cli(['--resume', ...args], page(3));
  t.equal(resumed.code, 0, resumed.stderr);
  const all = [...['a', 'b'].flatMap((p) => Array.from({ length: 12 }, (_, i) => `${p}${String(i).padStart(2, '0')}`)), 'stdin'];
  t.same(ids(out).sort(), all.sort(), 'every document exactly once');
  t.same(files(out).filter((f) => f.endsWith('.partial')), [], 'no partial file');
});

t.test('SIGINT stops a run to stdout: exit 130, whole lines, the finished records in input order', async (t) => {
  const dir = tempDir();
  const a = folder(dir, 'a', 30);
  const run = start(['--jobs', '2', a, '-']);
  await until('a first record', () => run.out.stdout.includes('\n'));
  run.child.kill('SIGINT');
  const stopped = await run.done;
  t.equal(stopped.code, 130, 'exit 130');
  t.match(stopped.stderr, /^normalize: stopped by SIGINT: the documents finished before it are written\n$/);
  t.ok(stopped.stdout.endsWith('\n'), 'the output ends with a whole line');
  const got = stopped.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
  const order = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(2, '0')}`);
  t.ok(got.length >= 1, `${got.length} records`);
  t.same(got, order.slice(0, got.length), 'a prefix of the input order: nothing skipped, nothing twice');
});

t.test('untilAborted: the iteration ends on abort even while an item is awaited, and takes the items as they come', async (t) => {
  const { untilAborted } = await import('../lib/run.js');
  const stop = new AbortController();
  let release = () => {};
  async function* items() {
    yield 1;
    yield 2;
    // Like stdin that never sends another byte: pending until after the abort, then failing.
    await new Promise<void>((resolve) => (release = resolve));
    throw new Error('read after the stop');
  }
  const got: number[] = [];
  for await (const n of untilAborted(items(), stop.signal)) {
    got.push(n);
    if (n === 2) setImmediate(() => stop.abort());
  }
  t.same(got, [1, 2], 'the items before the abort, then the end');
  release();
  await new Promise((resolve) => setImmediate(resolve));
  async function* three() {
    yield* [1, 2, 3];
  }
  const all: number[] = [];
  for await (const n of untilAborted(three(), new AbortController().signal)) all.push(n);
  t.same(all, [1, 2, 3], 'without an abort, every item');
});
