import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { readDocuments } from '../lib/read.js';
import { type DocumentFailure, type RawDocument, isFailure } from '../lib/types.js';
import { tempDir } from './helpers.js';

// A small file is read in one piece, a large one through a stream: the
// documents must not tell which.

const LIMITS = { inputFormat: 'auto', maxBytes: 64 * 1024 * 1024, maxRatio: 100 } as const;
const LINE = 'The ferry crossed the harbour in eleven minutes, and the new batteries were charged at the quay.';

async function read(path: string): Promise<(RawDocument | DocumentFailure)[]> {
  const docs: (RawDocument | DocumentFailure)[] = [];
  for await (const d of readDocuments([path], LIMITS)) docs.push(d);
  return docs;
}

function texts(docs: (RawDocument | DocumentFailure)[]): string[] {
  return docs.map((d) => (isFailure(d) ? `failure: ${d.error.message}` : d.bytes.toString('utf8')));
}

t.test('JSONL lines come out the same from a file read whole and from one streamed', async (t) => {
  const dir = tempDir();
  const line = (i: number) => JSON.stringify({ id: `r${i}`, text: `${i} ${LINE}` });
  // ~8 kB and ~2 MB: either side of the size read in one piece.
  for (const count of [60, 15_000]) {
    const path = join(dir, `lines-${count}.jsonl`);
    writeFileSync(path, Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n');
    const docs = await read(path);
    t.equal(docs.length, count, `${count} lines, ${count} documents`);
    t.same(texts(docs), Array.from({ length: count }, (_, i) => line(i)), `${count} lines: every line as written`);
  }
});

t.test('a gzipped page comes out whole, small or past the size read in one piece', async (t) => {
  const dir = tempDir();
  // Text that barely compresses, so that the large page's gzip file is over 1 MiB.
  let seed = 7;
  const noise = (n: number) => Array.from({ length: n }, () => ((seed = (seed * 48271) % 2147483647), String.fromCharCode(97 + (seed % 26)))).join('');
  for (const chars of [20_000, 3_000_000]) {
    const page = `<html><body><p>${LINE}</p><p>${noise(chars)}</p></body></html>`;
    const path = join(dir, `page-${chars}.html.gz`);
    writeFileSync(path, gzipSync(page));
    t.same(texts(await read(path)), [page], `${chars} characters`);
  }
});

t.test('an empty file is one empty document, and a missing one a failure that names it', async (t) => {
  const dir = tempDir();
  const empty = join(dir, 'empty.html');
  writeFileSync(empty, '');
  t.same(texts(await read(empty)), [''], 'empty');
  const path = join(dir, 'missing.html');
  const missing = await read(path);
  t.equal(missing.length, 1, 'missing: one outcome');
  t.ok(isFailure(missing[0]!) && /no such file/.test(missing[0].error.message) && missing[0].source === path, 'missing: a failure naming the file');
});
