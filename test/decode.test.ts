import { gzipSync } from 'node:zlib';
import t from 'tap';
import { binaryKind, decode, sniffEncoding } from '../lib/decode.js';
import type { RawDocument } from '../lib/types.js';

const raw = (bytes: Buffer): RawDocument => ({ id: 'x', source: 'x', bytes, format: 'auto', ext: '' });
const text = (bytes: Buffer) => decode(raw(bytes), { maxBytes: 1 << 20, maxRatio: 100 }).text;

t.test('charset: BOM, then the page declaration, then the bytes', async (t) => {
  t.equal(sniffEncoding(Buffer.from('\ufeffcafé', 'utf8')), 'utf-8');
  t.equal(text(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße aus Köln', 'utf16le')])), 'Grüße aus Köln');
  const koi8 = Buffer.concat([Buffer.from('<html><head><meta charset="koi8-r"></head><body>'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), Buffer.from('</body></html>')]);
  t.match(text(koi8), /Привет/, 'meta charset honoured');
  const httpEquiv = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>'), Buffer.from([0xb3, 0xf3, 0xbf, 0xea, 0x6b, 0x6f])]);
  t.match(text(httpEquiv), /łóżęko/);
  t.equal(text(Buffer.from('naïve café, déjà vu', 'utf8')), 'naïve café, déjà vu');
  t.equal(text(Buffer.from([0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35])), '“Quote” – €5', 'windows-1252 when not UTF-8');
  t.match(text(Buffer.concat([Buffer.from('Valid UTF-8 — with one stray byte: '), Buffer.from([0xe9]), Buffer.from(' and more “text” after it.')])), /— with one stray byte: .* “text”/, 'one stray byte does not turn a UTF-8 page into mojibake');
});

t.test('gzip by its magic bytes; bad gzip and oversize are errors', async (t) => {
  t.equal(text(gzipSync('zipped page text')), 'zipped page text');
  t.throws(() => text(gzipSync('zipped page text').subarray(0, 12)), { code: 'bad-gzip' });
  t.throws(() => decode(raw(gzipSync('x'.repeat(5000))), { maxBytes: 1000, maxRatio: 100 }), { code: 'too-large' });
  // 9 MiB of one byte packs into ~9 kB: past the 8 MiB every gzip may expand to, 1,000 times is a bomb.
  const bomb = gzipSync(Buffer.alloc(9 << 20, 0x61));
  t.throws(() => decode(raw(bomb), { maxBytes: 64 << 20, maxRatio: 100 }), { code: 'gzip-bomb', message: /--max-ratio \(100\)/ });
  t.equal(decode(raw(bomb), { maxBytes: 64 << 20, maxRatio: 2000 }).inputBytes, 9 << 20, 'within a higher ratio it expands');
});

t.test('binary input is named, text is not', async (t) => {
  t.equal(binaryKind(Buffer.from('%PDF-1.4 ...')), 'PDF');
  t.equal(binaryKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'JPEG image');
  t.equal(binaryKind(Buffer.from('PK\u0003\u0004word/document.xml')), 'ZIP archive or office document');
  t.equal(binaryKind(Buffer.from('plain\u0000text')), 'NUL bytes');
  t.equal(binaryKind(Buffer.from('An ordinary page of text.\n\tIndented.\r\n')), null);
  t.throws(() => text(Buffer.from('  \n\u00a0 \n')), { code: 'empty' });
});

t.test('control characters: more than 5% of the head (plus two) is binary, wherever they sit', async (t) => {
  // Tab, line feed, form feed, return and escape are text; the other C0 controls count.
  const counted = [...Array(32).keys()].filter((b) => b > 0 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(b));
  for (const n of [99, 100, 101, 102, 103]) {
    const allowed = Math.floor(n * 0.05 + 2);
    for (const at of ['start', 'end', 'spread'] as const) {
      const page = (controls: number) => {
        const bytes = Buffer.from('a\tb\nc\fd\re\u001bf '.repeat(20).slice(0, n), 'latin1');
        for (let k = 0; k < controls; k++) bytes[at === 'start' ? k : at === 'end' ? n - 1 - k : (k * 7) % n] = counted[(k * 5 + n) % counted.length]!;
        return bytes;
      };
      t.equal(binaryKind(page(allowed)), null, `${allowed} of ${n} bytes at the ${at}`);
      t.equal(binaryKind(page(allowed + 1)), 'control characters', `${allowed + 1} of ${n} bytes at the ${at}`);
    }
  }
  const long = Buffer.alloc(20000, 0x61);
  long.fill(0x02, 8192 - 411);
  t.equal(binaryKind(long), null, 'only the first 8 KiB are read: 411 controls there, more after');
  long[8192 - 412] = 0x03;
  t.equal(binaryKind(long), 'control characters', '412 in the first 8 KiB');
});

t.test('valid UTF-8 reads as TextDecoder reads it, BOM dropped, whatever the characters', async (t) => {
  // Units from every range that decodes differently: ASCII, two, three and four bytes, the BOM,
  // noncharacters, the last code point, and the replacement character itself.
  const units = ['a', ' ', '\n', 'é', 'ÿ', 'Ā', '—', '“', '€', '\ufeff', '\ufffd', '\ufffe', '\uffff', '日', '😀', '\u{10ffff}', 'ß', 'Я', '\u0301'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const differ: string[] = [];
  for (let n = 0; n < 3000; n++) {
    let s = n % 3 === 0 ? '\ufeff' : n % 3 === 1 ? '\ufeff\ufeff' : '';
    for (let k = next() % 40; k >= 0; k--) s += units[next() % units.length];
    s += 'x';
    const bytes = Buffer.from(s, 'utf8');
    if (text(bytes) !== new TextDecoder('utf-8').decode(bytes)) differ.push(JSON.stringify(s));
  }
  t.same(differ, []);
  t.equal(text(Buffer.from('\ufeffplain ASCII after a BOM', 'utf8')), 'plain ASCII after a BOM');
  t.equal(text(Buffer.from('plain ASCII', 'utf8')), 'plain ASCII');
  // Past a megabyte Node hands the string over without copying it: still the same text.
  const large = (s: string) => decode(raw(Buffer.from(s, 'utf8')), { maxBytes: 64 << 20, maxRatio: 100 }).text;
  const long = '“Long” text — '.repeat(100000);
  t.equal(large('\ufeff' + long), long, 'a page past a megabyte');
  t.equal(large('x'.repeat(3 << 20)), 'x'.repeat(3 << 20), 'an ASCII page past a megabyte');
});
