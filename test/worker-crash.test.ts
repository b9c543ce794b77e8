import t from 'tap';
import { cli, smallAroundBig } from './helpers.js';

// A worker that dies costs the document it was running, not the run. The death
// is real, not made by a hook: about 40 MB of real page dumps (under
// --max-bytes) need several hundred MiB of heap in the text chain, against a
// limit of 128 MiB, which is enough to load the chain (it needs 32 to 48) and to
// run any page of a few KB (all 181 bench pages run under 64). V8 stops the
// worker, the pool reports the document as `out-of-memory` in its place and
// gives the documents queued behind it to a fresh worker. (Not 64: Node gives a
// worker at its limit only 16 MiB more to reach a point where it can be stopped,
// and with tap's coverage loader in the worker, a limit of 64 is hit where that
// is not enough, and V8 aborts the whole process.)

// Two before it, so that its worker has already run documents; four after, queued behind it when it dies.
const { small, big, inputs } = smallAroundBig(40e6, 'big.txt');
const LIMIT = '128';
const lines = (stdout: string) => stdout.split('\n').filter(Boolean);

const unlimited = await cli(['--jobs', '2', '--max-memory-mb', '0', ...small]);

t.test('the small documents need no more than the limit: the same records as with no limit', async (t) => {
  const run = await cli(['--jobs', '2', '--max-memory-mb', LIMIT, ...small]);
  t.equal(run.code, 0);
  t.equal(lines(run.stdout).length, small.length);
  t.same(lines(run.stdout), lines(unlimited.stdout));
  t.equal(run.stderr, '');
});

for (const jobs of ['1', '2']) {
  t.test(`--jobs ${jobs}: the document past the limit is one out-of-memory error, the others come out intact and in order`, async (t) => {
    const run = await cli(['--jobs', jobs, '--max-memory-mb', LIMIT, ...inputs]);
    t.equal(run.code, 1, 'exit 1: a document failed');
    t.same(lines(run.stdout), lines(unlimited.stdout), 'the same records as without the big document, in order');
    t.same(run.stderr.split('\n').filter(Boolean), [`normalize: ${big}: needed more memory than --max-memory-mb (${LIMIT} MiB): abandoned`], 'one error line, naming the document and the limit');
  });
}

t.test('--errors inline: the out-of-memory failure is an error record in the big document’s place', async (t) => {
  const run = await cli(['--jobs', '2', '--errors', 'inline', '--max-memory-mb', LIMIT, ...inputs]);
  t.equal(run.code, 0, 'exit 0: errors inline are output');
  const out = lines(run.stdout);
  t.equal(out.length, inputs.length, 'one line out per document');
  const error = JSON.parse(out[2]!) as { source: string; error: { code: string; message: string } };
  t.equal(error.source, big);
  t.equal(error.error.code, 'out-of-memory');
  t.same([...out.slice(0, 2), ...out.slice(3)], lines(unlimited.stdout), 'the others as without it');
});

t.test('a limit too small to load the chain fails the run at once, as a setup error, without a document to blame', async (t) => {
  const run = await cli(['--jobs', '2', '--max-memory-mb', '8', ...small]);
  t.equal(run.code, 2, 'exit 2: nothing a document did');
  t.equal(run.stdout, '', 'no records');
  const errors = run.stderr.split('\n').filter(Boolean);
  t.equal(errors.length, 1, 'one error line');
  t.match(errors[0], /^normalize: a worker thread died while starting, before any document: .*memory/);
});

t.test('--max-memory-mb must be a whole number of at least 0', async (t) => {
  for (const bad of ['-1', '1.5', 'lots']) {
    const run = await cli(['--max-memory-mb', bad, small[0]!]);
    t.equal(run.code, 2, `${bad}: a usage error`);
    t.match(run.stderr, /--max-memory-mb/);
  }
});
