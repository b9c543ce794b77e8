import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { hasStackTrace } from '../scripts/fuzz-kit.js';
import { BIN, ROOT, SEEDS, cli, tempDir } from './helpers.js';

const seed = (n: string) => readFileSync(join(SEEDS, n, 'input.txt'));
const SEED0 = 'seed-000-9a919d05340c30c3';
const SEED1 = 'seed-001-a3a907b2529063a9';
const CP1252: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '—': 0x97, '–': 0x96 };
const toCp1252 = (s: string) => Buffer.from([...s].map((ch) => CP1252[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

t.test('stdin: one page dump in, one record out', async (t) => {
  const r = await cli([], seed(SEED0));
  t.equal(r.code, 0);
  t.equal(r.stderr, '');
  t.equal(r.records.length, 1);
  const rec = r.records[0]!;
  t.same(Object.keys(rec), ['id', 'source', 'format', 'url', 'title', 'authors', 'published', 'site_name', 'lang', 'description', 'body', 'comments', 'stats']);
  t.equal(rec.id, 'stdin');
  t.equal(rec.source, '-');
  t.equal(rec.format, 'text');
  t.match(rec.body, /^With the final military defeat of ISIS/);
});

t.test('--explain adds what was removed, before stats', async (t) => {
  const r = await cli(['--explain', '-'], seed(SEED0));
  const rec = r.records[0]!;
  t.same(Object.keys(rec).slice(-2), ['removed', 'stats']);
  t.ok(Array.isArray(rec.removed));
});

t.test('files and directories: walked in name order, hidden files skipped, --ext filters', async (t) => {
  const dir = tempDir();
  mkdirSync(join(dir, 'b/deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), seed(SEED0));
  writeFileSync(join(dir, 'b/deeper/c.txt.gz'), gzipSync(seed(SEED1)));
  writeFileSync(join(dir, 'b/notes.md'), 'Some notes about the crawl.\n');
  writeFileSync(join(dir, '.hidden.txt'), seed(SEED1));
  const all = await cli([dir]);
  t.equal(all.code, 0, all.stderr);
  t.same(all.records.map((r) => r.id), ['a', 'c', 'notes']);
  t.same(all.records.map((r) => r.source), [join(dir, 'a.txt'), join(dir, 'b/deeper/c.txt.gz'), join(dir, 'b/notes.md')]);
  t.match(all.records[1]!.body, /^The Syrian army has crushed/, 'gzip undone by its magic bytes');
  const some = await cli([dir, '--ext', 'txt']);
  t.same(some.records.map((r) => r.id), ['a', 'c']);
});

t.test('-o writes the JSONL to a file', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'page.txt'), seed(SEED0));
  const out = join(dir, 'out.jsonl');
  const r = await cli([join(dir, 'page.txt'), '-o', out]);
  t.equal(r.code, 0);
  t.equal(r.stdout, '');
  const lines = readFileSync(out, 'utf8').split('\n');
  t.equal(lines.length, 2, 'one line and the final newline');
  t.equal(JSON.parse(lines[0]!).id, 'page');
});

t.test('bad documents: one clear line each on stderr, the rest goes on, exit 1', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, '1-good.txt'), seed(SEED0));
  writeFileSync(join(dir, '2-empty.txt'), '');
  writeFileSync(join(dir, '3-blank.txt'), ' \n\u00a0\n\t\n');
  writeFileSync(join(dir, '4-image.txt'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
  writeFileSync(join(dir, '5-nul.txt'), Buffer.from('text\u0000with\u0000nul\u0000bytes'));
  writeFileSync(join(dir, '6-broken.txt.gz'), gzipSync(seed(SEED1)).subarray(0, 200));
  // The same page saved by an old Windows tool: ’ and — as single windows-1252 bytes.
  writeFileSync(join(dir, '7-cp1252.txt'), toCp1252(seed(SEED0).toString('utf8')));
  writeFileSync(join(dir, '8-unreadable.txt'), 'secret');
  chmodSync(join(dir, '8-unreadable.txt'), 0o000);
  writeFileSync(join(dir, '9-good.txt'), seed(SEED1));
  const r = await cli([dir, join(dir, 'missing.txt')]);
  t.equal(r.code, 1);
  t.notOk(hasStackTrace(r.stderr), 'no stack trace');
  const lines = r.stderr.trim().split('\n');
  const expectLine = (file: string, why: RegExp) => t.ok(lines.some((l) => l.startsWith(`normalize: ${join(dir, file)}: `) && why.test(l)), `${file}: ${why}`);
  expectLine('2-empty.txt', /empty/);
  expectLine('3-blank.txt', /white space/);
  expectLine('4-image.txt', /binary.*PNG/);
  expectLine('5-nul.txt', /binary/);
  expectLine('6-broken.txt.gz', /gzip/);
  expectLine('missing.txt', /no such file/);
  // root reads any file: only check the permission case when it applies
  if (process.getuid?.() !== 0) expectLine('8-unreadable.txt', /permission denied/);
  const ids = r.records.map((x) => x.id);
  t.ok(ids.includes('1-good') && ids.includes('9-good'), 'the good documents around the bad ones come out');
  const legacy = r.records.find((x) => x.id === '7-cp1252');
  t.match(legacy?.body, /that country’s official news agency/, 'invalid UTF-8 read as windows-1252');
  t.match(legacy?.body, /fighters—estimated/);
  t.equal(r.records.length + lines.length, 10, 'every document: one record or one error');
});

t.test('--max-bytes: a larger document is an error naming it', async (t) => {
  const r = await cli(['--max-bytes', '100'], seed(SEED0));
  t.equal(r.code, 1);
  t.match(r.stderr, /^normalize: stdin: larger than --max-bytes \(100 bytes\)\n$/);
  t.equal(r.stdout, '');
});

t.test('JSONL on stdin: one record per line, a malformed line named by its number', async (t) => {
  const text = seed(SEED0).toString('utf8');
  const input = [JSON.stringify({ id: 'a1', text }), '{"id": "a2", "text": ', JSON.stringify({ id: 'a3', text, url: 'https://example.org/a3' })].join('\n') + '\n';
  const r = await cli(['--input-format', 'jsonl'], input);
  t.equal(r.code, 1);
  t.same(r.records.map((x) => x.id), ['a1', 'a3']);
  t.equal(r.records[1]!.url, 'https://example.org/a3');
  t.match(r.stderr, /^normalize: -: line 2: not valid JSON/);
});

t.test('usage errors exit 2 with a hint', async (t) => {
  const r = await cli(['--no-such-flag'], '');
  t.equal(r.code, 2);
  t.match(r.stderr, /Unknown argument/);
  t.match(r.stderr, /normalize --help/);
  const bad = await cli(['--max-bytes', '-5'], '');
  t.equal(bad.code, 2);
});

t.test('--help shows examples; --version the package version', async (t) => {
  const help = await cli(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /Examples:/);
  t.match(help.stdout, /--explain/);
  const v = await cli(['--version']);
  t.equal(v.stdout.trim(), pkg.version);
});

t.test('a reader that goes away (| head -1) ends the run quietly', async (t) => {
  const dir = tempDir();
  for (let i = 0; i < 300; i++) copyFileSync(join(SEEDS, SEED0, 'input.txt'), join(dir, `p${String(i).padStart(3, '0')}.txt`));
  const child = spawn(process.execPath, [BIN, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const first = await new Promise<string>((resolve) => {
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c;
      if (buf.includes('\n')) {
        child.stdout.destroy();
        resolve(buf.slice(0, buf.indexOf('\n')));
      }
    });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  t.equal(JSON.parse(first).id, 'p000');
  t.equal(code, 0, 'exit 0');
  t.equal(stderr, '', 'nothing on stderr');
});
