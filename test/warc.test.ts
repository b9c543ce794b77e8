import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readDocuments } from '../lib/read.js';
import { cli, tempDir } from './helpers.js';

const ARTICLE = [
  'The city council voted on Tuesday to extend the opening hours of the central library, after a year in which visits rose by almost a third.',
  'Librarians said the reading rooms were full most evenings, and that students had asked for longer hours during the examination period.',
  'The change takes effect next month and will be reviewed after six months, when the council expects a report on costs and attendance.',
];

const page = (title: string, extra = '') =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${ARTICLE.map((p) => `<p>${p}${extra}</p>`).join('')}</article></body></html>`;

async function record(opts: { url: string; type?: string; contentType?: string; body: string | Buffer; httpHeaders?: Record<string, string> }): Promise<Buffer> {
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
  const httpHeaders = opts.type === 'warcinfo' ? undefined : { 'Content-Type': opts.contentType ?? 'text/html', ...opts.httpHeaders };
  const r = WARCRecord.create({ url: opts.url, type: (opts.type ?? 'response') as 'response', warcVersion: 'WARC/1.1', ...(httpHeaders && { httpHeaders }) }, [body]);
  return Buffer.from(await WARCSerializer.serialize(r, { gzip: true }));
}

/** One gzip member per record, as crawlers write them: mixed types, a legacy charset, chunked, and one broken record. */
async function buildWarc(): Promise<{ warc: Buffer; htmlUrls: string[] }> {
  const latin1 = Buffer.from(page('Caf\u00e9 opens', ' Caf\u00e9 au lait.'), 'latin1');
  const chunkedBody = page('Chunked page');
  const chunked = `${Buffer.byteLength(chunkedBody).toString(16)}\r\n${chunkedBody}\r\n0\r\n\r\n`;
  const members = [
    await record({ url: 'urn:info', type: 'warcinfo', body: 'software: test\r\n' }),
    await record({ url: 'https://example.org/a', type: 'request', body: '' }),
    await record({ url: 'https://example.org/a', contentType: 'text/html; charset=ISO-8859-1', body: latin1 }),
    await record({ url: 'https://example.org/logo.png', contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }),
    // Broken: the block of a response record is not an HTTP message.
    gzipSync(
      'WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:broken>\r\nWARC-Target-URI: https://example.org/broken\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 12\r\n\r\nnot http at\n\r\n\r\n',
    ),
    await record({ url: 'https://example.org/b', body: chunked, httpHeaders: { 'Transfer-Encoding': 'chunked' } }),
    await record({ url: 'https://example.org/c', contentType: 'application/xhtml+xml', body: page('Third page') }),
  ];
  return { warc: Buffer.concat(members), htmlUrls: ['https://example.org/a', 'https://example.org/b', 'https://example.org/c'] };
}

t.test('a WARC file: one record per HTML response, one clear error for the broken record', async (t) => {
  const { warc, htmlUrls } = await buildWarc();
  const dir = tempDir();
  const gz = join(dir, 'crawl.warc.gz');
  writeFileSync(gz, warc);
  const r = await cli(['--jobs', '1', gz]);
  t.equal(r.code, 1, 'a broken record makes the run report failure');
  t.same(
    r.records.map((x) => x.url),
    htmlUrls,
    'HTML responses only, in order, the one after the broken record included',
  );
  for (const rec of r.records) {
    t.match(rec.id, /^urn:uuid:[0-9a-f-]+$/, 'id from WARC-Record-ID');
    t.equal(rec.format, 'html');
    t.equal(rec.source, gz);
  }
  t.match(r.records[0]!.body, /Café au lait/, 'decoded with the HTTP header charset');
  t.match(r.records[1]!.body, /opening hours of the central library/, 'chunked transfer coding undone');
  const errors = r.stderr.trim().split('\n');
  t.equal(errors.length, 1, 'exactly one error line');
  t.match(errors[0], /^normalize: .*crawl\.warc\.gz: WARC record 5: no HTTP header in the response$/);
});

t.test('uncompressed WARC, from stdin, and through the worker pool: the same records', async (t) => {
  const { warc, htmlUrls } = await buildWarc();
  const plain = gunzipSync(warc);
  const dir = tempDir();
  const file = join(dir, 'crawl.warc');
  writeFileSync(file, plain);
  const fromFile = await cli(['--jobs', '2', file]);
  const fromStdin = await cli(['--jobs', '2'], warc);
  t.same(fromFile.records.map((x) => x.url), htmlUrls);
  t.same(fromStdin.records.map((x) => x.url), htmlUrls, 'gzip WARC on stdin is recognised by its content');
  t.same(
    fromStdin.records.map((x) => x.body),
    fromFile.records.map((x) => x.body),
  );
});

t.test('non-HTML records are skipped and counted, the summary says how many', async (t) => {
  const { warc } = await buildWarc();
  const skipped: string[] = [];
  const docs = [];
  for await (const d of readDocuments(['-'], { inputFormat: 'auto', maxBytes: 1 << 20, maxRatio: 100, stdin: Readable.from([warc]), onSkip: (_s, why) => skipped.push(why) })) docs.push(d);
  t.same(skipped, ['warcinfo record', 'request record', 'image/png response']);
  t.equal(docs.length, 4, 'three documents and one failure');
  const dir = tempDir();
  writeFileSync(join(dir, 'crawl.warc.gz'), warc);
  const r = await cli(['--jobs', '1', '--out-dir', join(dir, 'out'), join(dir, 'crawl.warc.gz')]);
  t.match(r.stderr, /normalize: 4 documents, 1 errors, [\d.]+ MB, [\d.]+ documents\/s, 3 non-HTML WARC records skipped/);
});

t.test('a record that claims more bytes than the file holds: one too-large error, and the run ends', async (t) => {
  const { warc } = await buildWarc();
  const liar = Buffer.from('WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:liar>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 100000001\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>short</p>');
  const dir = tempDir();
  const file = join(dir, 'liar.warc');
  writeFileSync(file, Buffer.concat([gunzipSync(warc), liar]));
  const r = await cli(['--jobs', '1', '--max-bytes', '1000000', file]);
  t.equal(r.code, 1);
  t.equal(r.records.length, 3, 'the records before it');
  t.match(r.stderr, /WARC record 8: larger than --max-bytes \(1000000 bytes\)/);
});

t.test('a file that ends in a record\'s version marker with nothing after it: one error, and the run ends', async (t) => {
  // Found by the fuzz (seed 280744929, run 673): the marker was found again and again, an error each time.
  const { warc } = await buildWarc();
  const dir = tempDir();
  const file = join(dir, 'cut.warc');
  writeFileSync(file, Buffer.concat([gunzipSync(warc), Buffer.from('WARC/1.1')]));
  const r = await cli(['--jobs', '1', file]);
  t.notOk(r.timedOut, 'the run ends');
  t.equal(r.code, 1);
  t.equal(r.records.length, 3, 'the records before it');
  t.match(r.stderr, /^(?:normalize: .*: WARC record \d+: [^\n]+\n){2}$/, 'the broken record of the set, and the cut one');
  t.match(r.stderr, /WARC record 8: header cut short\n$/);
});

t.test('a .warc.gz whose first gzip member is broken: one error for it, the records after it come out', async (t) => {
  const members = await Promise.all(['a', 'b', 'c'].map((p) => record({ url: `https://example.org/${p}`, body: page(`Page ${p}`) })));
  const broken = Buffer.from(members[0]!);
  for (let i = 30; i < broken.length - 30; i += 61) broken[i] ^= 0x55;
  const dir = tempDir();
  const file = join(dir, 'crawl.warc.gz');
  writeFileSync(file, Buffer.concat([broken, members[1]!, members[2]!]));
  const r = await cli(['--jobs', '1', file]);
  t.equal(r.code, 1);
  t.same(r.records.map((x) => x.url), ['https://example.org/b', 'https://example.org/c']);
  t.match(r.stderr, /^normalize: .*crawl\.warc\.gz: WARC record 1: broken gzip data \([^)]+\)\n$/);
});

t.test('the same, on stdin: the member after the broken one says it is a WARC', async (t) => {
  const members = await Promise.all(['a', 'b'].map((p) => record({ url: `https://example.org/${p}`, body: page(`Page ${p}`) })));
  const broken = Buffer.from(members[0]!);
  for (let i = 30; i < broken.length - 30; i += 61) broken[i] ^= 0x55;
  const r = await cli(['--jobs', '1', '--errors', 'inline'], Buffer.concat([broken, members[1]!]));
  t.same(r.records.map((x) => x.url ?? (x.error as { code: string }).code), ['bad-gzip', 'https://example.org/b']);
});
