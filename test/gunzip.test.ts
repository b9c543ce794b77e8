import { gzipSync } from 'node:zlib';
import t from 'tap';
import { type Gap, InflateMeter, inflate } from '../lib/gunzip.js';

// The read stage's gunzip, member by member, fed in pieces of every size: what
// comes out, and where the gaps are.

const TEXT = 'The ferry crossed the harbour in eleven minutes, and the new batteries were charged at the quay.\n';

/** Inflates `bytes` fed in pieces of `size` bytes: the text out, with `|gap:<message>|` at each gap. */
async function run(bytes: Buffer, size: number, maxRatio = 100): Promise<string> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  const source = (async function* () {
    yield* pieces;
  })();
  const first = (await source.next()).value as Buffer;
  let out = '';
  for await (const x of inflate(first, source, new InflateMeter(maxRatio))) {
    out += Buffer.isBuffer(x) ? x.toString('latin1') : `|gap:${(x as Gap).why.message}${(x as Gap).trailing ? ' (trailing)' : ''}|`;
  }
  return out;
}

/** A gzip member whose header carries a file name and a comment, as gzip(1) may write. */
function withName(text: string): Buffer {
  const plain = gzipSync(text);
  const header = Buffer.from(plain.subarray(0, 10));
  header[3] = 0x08 | 0x10;
  return Buffer.concat([header, Buffer.from('page.txt\0a comment\0'), plain.subarray(10)]);
}

const SIZES = [1, 2, 3, 7, 64, 1 << 16];

t.test('members one after another, with file names and comments, in pieces of any size', async (t) => {
  const a = TEXT.repeat(3);
  const b = TEXT.repeat(500);
  const bytes = Buffer.concat([gzipSync(a), withName(b), gzipSync(a)]);
  for (const size of SIZES) t.equal(await run(bytes, size), a + b + a, `pieces of ${size}`);
});

t.test('a broken member: a gap where it was, the members around it whole', async (t) => {
  const broken = gzipSync(TEXT.repeat(50));
  for (let i = 20; i < broken.length - 20; i += 11) broken[i] ^= 0x5a;
  const bytes = Buffer.concat([gzipSync('first\n'), broken, gzipSync('last\n')]);
  for (const size of SIZES) t.match(await run(bytes, size), /^first\n[^]*\|gap:broken gzip data \([^)]+\)\|last\n$/, `pieces of ${size}`);
});

t.test('a checksum that does not match: the bytes, then a gap', async (t) => {
  const member = gzipSync(TEXT);
  member[member.length - 8] ^= 1;
  for (const size of SIZES) t.equal(await run(Buffer.concat([member, gzipSync('next\n')]), size), `${TEXT}|gap:broken gzip data (incorrect data check)|next\n`);
});

t.test('data after the last member that is not gzip: a trailing gap', async (t) => {
  for (const size of SIZES) t.equal(await run(Buffer.concat([gzipSync(TEXT), Buffer.from('not gzip at all')]), size), `${TEXT}|gap:data after the end of the gzip members is not gzip (trailing)|`);
});

t.test('a member cut short: a gap at the end', async (t) => {
  const member = gzipSync(TEXT.repeat(20));
  for (const size of SIZES) t.match(await run(member.subarray(0, member.length - 12), size), /\|gap:broken gzip data \([^)]+\)\|$/);
});

t.test('a bomb: a gap once the ratio is passed past the first 8 MiB, and the member after it is read', async (t) => {
  const bomb = gzipSync(Buffer.alloc(12 << 20, 0x61));
  const out = await run(Buffer.concat([bomb, gzipSync('after\n')]), 1 << 16);
  t.match(out, /\|gap:gzip data expands more than --max-ratio \(100\): over \d+ bytes from \d+ compressed bytes\|after\n$/);
  t.ok(out.length < (9 << 20), 'the bomb is not read to its end');
  t.equal((await run(bomb, 1 << 16, 2000)).length, 12 << 20, 'within a higher ratio it expands whole');
});

t.test('a member inflated at once is sized by the size its bytes end with, and not held in a buffer sized for another', async (t) => {
  // Read at once, the bytes end with the second member's size (ISIZE), not the first's.
  const small = TEXT.repeat(2);
  const big = TEXT.repeat(20_000);
  const bytes = Buffer.concat([gzipSync(small), gzipSync(big)]);
  const source = (async function* () {})();
  const outs: Buffer[] = [];
  for await (const x of inflate(bytes, source, new InflateMeter(100))) if (Buffer.isBuffer(x)) outs.push(x);
  t.equal(Buffer.concat(outs).toString('latin1'), small + big, 'both members, whole');
  t.equal(outs.length, 2, 'each member in one piece');
  t.ok(outs[0]!.buffer.byteLength < 64 * 1024, `the first member's ${small.length} bytes are not held in a buffer of ${outs[0]!.buffer.byteLength}`);
});
