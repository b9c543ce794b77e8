import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { ROOT, SEEDS, cli, tempDir } from './helpers.js';

// The pool runs dist/lib/worker.js, so these tests use the build, as the CLI tests do.
const { poolStream } = (await import(join(ROOT, 'dist/lib/pool.js'))) as typeof import('../lib/pool.js');
const { resolveOptions } = (await import(join(ROOT, 'dist/lib/options.js'))) as typeof import('../lib/options.js');

const SEED_NAMES = readdirSync(SEEDS).filter((n) => n.startsWith('seed-') || n.startsWith('text-'));
const page = (i: number) => readFileSync(join(SEEDS, SEED_NAMES[i % SEED_NAMES.length]!, 'input.txt'));

t.test('any number of jobs: the same output, byte for byte, in input order, failures in place', async (t) => {
  const dir = tempDir();
  for (let i = 0; i < 30; i++) {
    const name = join(dir, `p${String(i).padStart(2, '0')}`);
    if (i % 9 === 4) writeFileSync(`${name}.txt`, ''); // empty: a failure
    else if (i % 9 === 7) writeFileSync(`${name}.txt.gz`, gzipSync(page(i)).subarray(0, 40)); // cut-off gzip: a failure
    else writeFileSync(`${name}.txt`, page(i));
  }
  writeFileSync(join(dir, 'q.jsonl'), ['{"id":"j1","text":"A short note."}', 'oops', '{"id":"j2","html":"<p>Hello there, reader.</p>"}'].join('\n'));
  const one = await cli(['--jobs', '1', '--errors', 'inline', dir]);
  t.equal(one.stdout.split('\n').length - 1, 33, 'one line per document');
  for (const jobs of ['2', '3']) {
    const many = await cli(['--jobs', jobs, '--errors', 'inline', dir]);
    t.equal(many.stdout, one.stdout, `--jobs ${jobs}: identical output`);
    t.equal(many.stderr, one.stderr, `--jobs ${jobs}: the same errors, in the same order`);
  }
});

t.test('backpressure: the reader is never far ahead of the consumer', async (t) => {
  const jobs = 2;
  const total = 200;
  // Documents in flight or finished but not yet read (4 per worker), one that
  // the pool's write() dispatches before it checks its limit, and up to three
  // that each of the five hand-overs between generator and consumer may hold
  // (generator, Readable.from, pool input, pool output, the consumer's own):
  // node's object-mode streams keep one buffered, one being written and one
  // being read at a highWaterMark of 1. What matters is that it does not grow
  // with the input: 200 documents here.
  const bound = jobs * 4 + 1 + 5 * 3;
  let pulled = 0;
  let consumed = 0;
  let worst = 0;
  const texts = [0, 1, 2].map(page);
  async function* docs() {
    for (let i = 0; i < total; i++) {
      pulled++;
      worst = Math.max(worst, pulled - consumed);
      yield { id: `d${i}`, source: `d${i}`, bytes: Buffer.from(texts[i % 3]!), format: 'auto', ext: '.txt' };
    }
  }
  const pool = poolStream(resolveOptions(), { jobs, timeoutMs: 0, maxMemoryMb: 0 });
  Readable.from(docs(), { objectMode: true, highWaterMark: 1 }).pipe(pool);
  const order: string[] = [];
  for await (const out of pool) {
    order.push((JSON.parse(Buffer.from((out as { line: Uint8Array }).line).toString()) as { id: string }).id);
    consumed++;
    // A slow consumer: the reader may only run ahead by what is in flight.
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.equal(consumed, total);
  t.same(order, Array.from({ length: total }, (_, i) => `d${i}`), 'in input order');
  t.ok(worst <= bound, `at most ${bound} documents between reader and consumer (saw ${worst})`);
});
