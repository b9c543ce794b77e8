import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t, { type Test } from 'tap';
import { type CliResult, SEEDS, cli, tempDir } from './helpers.js';

// Each limit crossed through the CLI, between two ordinary documents: just over
// it the document fails with an error that names it and the limit, just under it
// the document comes out, and either way its neighbours come out as they do alone.

// A dozen CLI runs: generous for a loaded CI machine, where only a hang comes near it.
t.setTimeout(600_000);

const BEFORE = readFileSync(join(SEEDS, 'text-en-news-ferries', 'input.txt'));
const AFTER = readFileSync(join(SEEDS, 'text-fr-news-bibliotheque', 'input.txt'));
const PROSE = 'The ferry crossed the harbour in eleven minutes, and the new batteries were charged at the quay. ';

interface Outcome {
  run: CliResult;
  /** The record or error record of each file, by file name. */
  entries: Map<string, Record<string, unknown>>;
}

/** The neighbours alone: what they must come out as in every run below. */
let alone: Map<string, Record<string, unknown>> | null = null;

async function runAround(t: Test, hostileName: string, hostile: Buffer, flags: string[], documents = 1): Promise<Outcome> {
  const dir = tempDir();
  const files = ['a-before.txt', hostileName, 'c-after.txt'];
  writeFileSync(join(dir, files[0]!), BEFORE);
  writeFileSync(join(dir, hostileName), hostile);
  writeFileSync(join(dir, files[2]!), AFTER);
  const run = await cli(['--jobs', '1', '--errors', 'inline', ...flags, ...files], undefined, dir);
  const entries = new Map(run.records.map((r) => [r.source as string, r]));
  if (!alone) {
    const ref = await cli(['--jobs', '1', files[0]!, files[2]!], undefined, dir);
    alone = new Map(ref.records.map((r) => [r.source as string, r]));
  }
  t.equal(run.records.length, documents + 2, 'one line out per document');
  for (const f of [files[0]!, files[2]!]) t.same(entries.get(f), alone.get(f), `${f} comes out as it does alone`);
  return { run, entries };
}

/** The document failed with this code, on one stderr line naming it and the flag. */
function failedWith(t: Test, o: Outcome, file: string, code: string, flag: string): void {
  const error = o.entries.get(file)?.error as { code: string; message: string } | undefined;
  t.equal(error?.code, code, `${file}: ${code}`);
  t.match(error?.message ?? '', flag, 'the message names the limit');
  const lines = o.run.stderr.split('\n').filter(Boolean);
  t.equal(lines.length, 1, 'one stderr line');
  t.match(lines[0] ?? '', new RegExp(`^normalize: ${file}: .*${flag.replace(/[()]/g, '\\$&')}`), 'it names the document and the limit');
}

function cameOut(t: Test, o: Outcome, file: string): Record<string, unknown> | undefined {
  const r = o.entries.get(file);
  t.notOk(r?.error, `${file} comes out as a record${r?.error ? `, not ${JSON.stringify(r.error)}` : ''}`);
  t.equal(o.run.stderr, '', 'nothing on stderr');
  return r;
}

t.test('--max-ratio: gzip data that expands past the ratio is a gzip bomb', async (t) => {
  // 9 MiB of prose: past the 8 MiB that any gzip data may expand to.
  const text = Buffer.from(`${PROSE}\n\n`.repeat(Math.ceil((9 << 20) / PROSE.length)));
  const packed = gzipSync(text);
  const ratio = text.length / packed.length;
  t.ok(ratio > 100, `the prose expands ${ratio.toFixed(0)} times, past the default`);
  const over = await runAround(t, 'b-page.txt.gz', packed, []);
  failedWith(t, over, 'b-page.txt.gz', 'gzip-bomb', '--max-ratio (100)');
  const under = await runAround(t, 'b-page.txt.gz', packed, ['--max-ratio', String(Math.ceil(ratio * 1.1))]);
  t.match(cameOut(t, under, 'b-page.txt.gz')?.body, /^The ferry crossed the harbour/);
  const justOver = await runAround(t, 'b-page.txt.gz', packed, ['--max-ratio', String(Math.floor(ratio * 0.9))]);
  failedWith(t, justOver, 'b-page.txt.gz', 'gzip-bomb', `--max-ratio (${Math.floor(ratio * 0.9)})`);
});

/** A WARC response record holding an HTML page. */
function warcRecord(n: number, html: string): Buffer {
  const http = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), Buffer.from(html)]);
  const head =
    `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:${String(n).padStart(8, '0')}-0000-4000-8000-000000000000>\r\n` +
    `WARC-Target-URI: https://example.com/page-${n}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}

const page = (title: string, paragraphs: number) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${PROSE}${PROSE}</p>`.repeat(paragraphs)}</article></body></html>`;

t.test('--max-ratio in a .warc.gz counts per record: a bomb record fails alone, the records after it come out', async (t) => {
  const members = [warcRecord(1, page('First page', 5)), warcRecord(2, page('Bomb page', 50_000)), warcRecord(3, page('Third page', 5))].map((r) => gzipSync(r));
  const o = await runAround(t, 'b-crawl.warc.gz', Buffer.concat(members), [], 3);
  const lines = o.run.records.filter((r) => r.source === 'b-crawl.warc.gz');
  t.same(lines.map((l) => (l.error ? (l.error as { code: string }).code : l.url)), ['https://example.com/page-1', 'gzip-bomb', 'https://example.com/page-3'], 'record, error, record');
  t.equal(lines[0]?.title, 'First page');
  t.equal(lines[2]?.title, 'Third page');
  t.match((lines[1]?.error as { message: string }).message, /^WARC record 2: gzip data expands more than --max-ratio \(100\)/);
});

t.test('a broken gzip member in a .warc.gz costs its record only', async (t) => {
  const members = [1, 2, 3].map((n) => gzipSync(warcRecord(n, page(`Page ${n}`, 5))));
  const broken = Buffer.from(members[1]!);
  for (let i = 40; i < broken.length - 40; i += 97) broken[i] ^= 0x55;
  const dir = tempDir();
  writeFileSync(join(dir, 'crawl.warc.gz'), Buffer.concat([members[0]!, broken, members[2]!]));
  const run = await cli(['--jobs', '1', '--errors', 'inline', 'crawl.warc.gz'], undefined, dir);
  const lines = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  t.same(lines.map((l) => l.title ?? (l.error as { code: string }).code), ['Page 1', 'bad-gzip', 'Page 3']);
  t.match(run.stderr, /^normalize: crawl\.warc\.gz: WARC record 2: broken gzip data/);
});

t.test('--max-line-chars: a longer line fails the document, one of the limit passes', async (t) => {
  const line = PROSE.repeat(200).trim();
  const doc = Buffer.from(`A headline for the long line\n\n${line}\n\nA last short paragraph of the page.\n`);
  const over = await runAround(t, 'b-line.txt', doc, ['--max-line-chars', String(line.length - 1)]);
  failedWith(t, over, 'b-line.txt', 'line-too-long', `--max-line-chars (${line.length - 1})`);
  t.match((over.entries.get('b-line.txt')?.error as { message: string }).message, `a line of ${line.length} characters`);
  const under = await runAround(t, 'b-line.txt', doc, ['--max-line-chars', String(line.length)]);
  t.match(cameOut(t, under, 'b-line.txt')?.body, PROSE.trim());
});

t.test('--max-comments: more comments fail the document, as many as the limit pass', async (t) => {
  const thread = readFileSync(join(SEEDS, 'text-en-reddit-mushy-rice', 'input.txt'));
  const probe = await runAround(t, 'b-thread.txt', thread, []);
  const count = (cameOut(t, probe, 'b-thread.txt')?.stats as { comments: number }).comments;
  t.ok(count >= 2, `the thread has ${count} comments`);
  const over = await runAround(t, 'b-thread.txt', thread, ['--max-comments', String(count - 1)]);
  failedWith(t, over, 'b-thread.txt', 'too-many-comments', `--max-comments (${count - 1})`);
  t.match((over.entries.get('b-thread.txt')?.error as { message: string }).message, `${count} comments`);
  const at = await runAround(t, 'b-thread.txt', thread, ['--max-comments', String(count)]);
  t.equal((cameOut(t, at, 'b-thread.txt')?.stats as { comments: number }).comments, count);
});

t.test('limits that are not positive whole numbers are refused', async (t) => {
  for (const flag of ['--max-ratio', '--max-line-chars', '--max-comments']) {
    const r = await cli([flag, '0', 'x.txt']);
    t.equal(r.code, 2, `${flag} 0: exit 2`);
    t.match(r.stderr, `${flag} must be a positive whole number`);
  }
});
