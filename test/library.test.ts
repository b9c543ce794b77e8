import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import t from 'tap';
import { DocumentError, isFailure, normalizeDocument, normalizeStream, type DocumentFailure, type DocumentRecord } from '../lib/index.js';
import { SEEDS } from './helpers.js';

const page = readFileSync(join(SEEDS, 'seed-001-a3a907b2529063a9', 'input.txt'));

t.test('normalizeDocument: text or bytes in, one record out', async (t) => {
  const fromText = normalizeDocument(page.toString('utf8'));
  const fromBytes = normalizeDocument({ id: 'p1', source: 'pages/p1.txt', bytes: page });
  t.equal(fromBytes.id, 'p1');
  t.equal(fromBytes.source, 'pages/p1.txt');
  t.equal(fromText.body, fromBytes.body);
  t.match(fromText.body, /^The Syrian army has crushed/);
  t.equal(fromText.removed, undefined, 'removed only when asked');
  t.ok(Array.isArray(normalizeDocument(page.toString('utf8'), { explain: true }).removed));
});

t.test('normalizeDocument: bad input throws a DocumentError with a code', async (t) => {
  t.throws(() => normalizeDocument(''), { name: 'DocumentError', code: 'empty' });
  t.throws(() => normalizeDocument({ bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n') }), { code: 'binary' });
  t.throws(() => normalizeDocument(page.toString('utf8'), { maxBytes: 10 }), DocumentError);
  t.throws(() => normalizeDocument('x', { inputFormat: 'pdf' as never }), TypeError, 'bad options are a TypeError');
});

t.test('normalizeStream: one output per input, in order, failures in place', async (t) => {
  const inputs = [
    { id: 'a', text: page.toString('utf8') },
    { id: 'b', text: '' },
    { id: 'c', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
    { id: 'd', text: page.toString('utf8') },
  ];
  const out: (DocumentRecord | DocumentFailure)[] = [];
  await pipeline(Readable.from(inputs), normalizeStream(), new Writable({ objectMode: true, write: (o, _e, cb) => (out.push(o), cb()) }));
  t.same(out.map((o) => o.id), ['a', 'b', 'c', 'd']);
  t.same(out.map((o) => (isFailure(o) ? o.error.code : 'ok')), ['ok', 'empty', 'binary', 'ok']);
});

t.test('normalizeStream honours backpressure: an unread output stops the input', async (t) => {
  let pulled = 0;
  const source = new Readable({
    objectMode: true,
    read() {
      pulled++;
      this.push(pulled > 1000 ? null : { id: `p${pulled}`, text: page.toString('utf8') });
    },
  });
  const stream = normalizeStream();
  source.pipe(stream);
  await new Promise((r) => setTimeout(r, 300));
  t.ok(pulled < 40, `only a bounded number of documents is taken in while nobody reads (took ${pulled})`);
  let got = 0;
  for await (const _ of stream) got++;
  t.equal(got, 1000, 'and all of them come out once read');
});
