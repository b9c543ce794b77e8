// The hostile-input harness: a seeded generator of broken and mutated documents,
// a runner for the real CLI with a kill timeout, and the checks issue 5 holds every
// run to (exit 0 or 1, one record or one error line per document, valid JSONL,
// no stack trace, no hang). Shared by scripts/fuzz.ts, scripts/stress.ts and the
// fuzz and hostile tests, so that the short run in CI and the long run by hand
// judge in exactly the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { contentExtension } from '../lib/read.js';
import { goldenCases } from './corpus.js';

// This file runs from scripts/ under the test loader and from dist/scripts/ once compiled.
const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, here.endsWith(join('dist', 'scripts')) ? '../..' : '..');
export const BIN = join(ROOT, 'bin', 'normalize.js');
export { CORPUS } from './corpus.js';

/** mulberry32: small, fast, and the same sequence on every machine for one seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

/** The seed of one run of a fuzz session: runs can be replayed one by one. */
export function runSeed(seed: number, run: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(run + 1, 0xc2b2ae35)) >>> 0;
}

/** A page the mutations start from: a corpus input, as text and as HTML made of it. */
export interface BasePage {
  name: string;
  text: string;
  html: string;
}

/** Every golden case's input (hostile/ holds error cases, not pages). */
export function basePages(): BasePage[] {
  return goldenCases().map((c) => {
    const bytes = readFileSync(c.input);
    const raw = (c.input.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const isHtml = contentExtension(c.input).includes('htm');
    return { name: c.slug, text: isHtml ? raw.replace(/<[^>]*>/g, ' ') : raw, html: isHtml ? raw : htmlOf(raw) };
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page dump dressed as the HTML a site would serve: head, navigation, article, comments, footer. */
function htmlOf(text: string): string {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const title = escapeHtml((paras[0] ?? 'Untitled').slice(0, 120));
  const body = paras.slice(1).map((p, i) => (i % 7 === 3 ? `<h2>${escapeHtml(p)}</h2>` : `<p>${escapeHtml(p)}</p>`));
  const cut = Math.floor(body.length * 0.8);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News"></head><body>` +
    `<header><a href="#main">Skip to content</a><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>` +
    `<main id="main"><article><h1>${title}</h1>${body.slice(0, cut).join('\n')}</article>` +
    `<section class="comments"><h3>2 Comments</h3><div class="comment"><span class="author">reader1</span>${body.slice(cut).join('\n')}</div></section></main>` +
    `<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>`
  );
}

/** One file the CLI is given, and how many documents it holds. */
export interface FuzzInput {
  /** File name with its extensions; the number in front keeps names unique. */
  name: string;
  /** The generator that made it, for the report. */
  kind: string;
  bytes: Buffer;
  /**
   * Documents the CLI must account for: 1, one per line for JSONL, one per
   * response record for WARC; null where a broken WARC framing leaves the count
   * open (every other check still holds).
   */
  documents: number | null;
}

type Doc = { bytes: Buffer; ext: '.txt' | '.html' };
type Warc = { warc: Buffer; documents: number | null };
type Generator = (r: Random, base: BasePage) => Doc | Warc | { jsonl: Buffer[] };

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function byteFlips(r: Random, base: BasePage): Doc {
  const ext = r.pick(['.txt', '.html'] as const);
  const b = utf8(ext === '.txt' ? base.text : base.html);
  for (let n = r.int(1, 64); n > 0; n--) b[r.int(0, b.length - 1)] = r.int(0, 255);
  return { bytes: b, ext };
}

function truncation(r: Random, base: BasePage): Doc {
  const ext = r.pick(['.txt', '.html'] as const);
  const b = utf8(ext === '.txt' ? base.text : base.html);
  return { bytes: b.subarray(0, r.int(0, b.length)), ext };
}

const TAGS = ['div', 'p', 'span', 'a', 'b', 'i', 'table', 'tr', 'td', 'ul', 'li', 'script', 'style', 'nav', 'article', 'aside', 'form', 'svg', 'math', 'template', 'iframe', 'noscript', 'textarea', 'select', 'option', 'title', 'head', 'body', 'html', 'frameset', 'plaintext', 'xmp'];
const SOUP = [
  '<!--', '-->', '<![CDATA[', ']]>', '<!doctype html>', '</', '<', '>', '"', "'", '=', '&amp;', '&#x0;', '&#xD800;', '&#99999999;', '&nbsp', '&', '<?xml version="1.0"?>',
  '<meta charset="shift_jis">', '<meta http-equiv="refresh" content="0;url=http://127.0.0.1/">', '<base href="file:///etc/">', '<img src=x onerror="process.exit(3)">',
  '<script>process.exit(3)</script>', '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', '<iframe src="http://127.0.0.1:9/"></iframe>',
];

function tagSoup(r: Random, base: BasePage): Doc {
  const words = base.text.split(/\s+/).filter(Boolean);
  const parts: string[] = [];
  for (let n = r.int(50, 3000); n > 0; n--) {
    const roll = r.next();
    if (roll < 0.3) parts.push(`<${r.pick(TAGS)}${r.chance(0.3) ? ` class="${r.pick(words)}"` : ''}${r.chance(0.2) ? '' : '>'}`);
    else if (roll < 0.5) parts.push(`</${r.pick(TAGS)}>`);
    else if (roll < 0.65) parts.push(r.pick(SOUP));
    else parts.push(words.slice(r.int(0, words.length), r.int(0, words.length)).join(' ') || r.pick(words) || 'x');
  }
  return { bytes: utf8(parts.join(r.chance(0.5) ? '' : '\n')), ext: '.html' };
}

function mixedEncodings(r: Random, base: BasePage): Doc {
  const ext = r.pick(['.txt', '.html'] as const);
  const text = ext === '.txt' ? base.text : base.html;
  const pieces: Buffer[] = [];
  if (ext === '.html' && r.chance(0.5)) pieces.push(utf8(`<meta charset="${r.pick(['utf-16', 'shift_jis', 'koi8-r', 'x-unknown', 'windows-1252', 'utf-8'])}">`));
  for (let at = 0; at < text.length; ) {
    const n = r.int(20, 2000);
    const chunk = text.slice(at, at + n) + r.pick(['', 'Größe ', 'déjà vu ', '日本語 ', 'Ελληνικά ', '😀 ', 'ﬁ ']);
    at += n;
    const enc = r.pick(['utf8', 'latin1', 'utf16le', 'ucs2', 'ascii', 'bom-utf8', 'bom-utf16'] as const);
    if (enc === 'bom-utf8') pieces.push(Buffer.from([0xef, 0xbb, 0xbf]), utf8(chunk));
    else if (enc === 'bom-utf16') pieces.push(Buffer.from([0xff, 0xfe]), Buffer.from(chunk, 'utf16le'));
    else pieces.push(Buffer.from(chunk, enc));
  }
  return { bytes: Buffer.concat(pieces), ext };
}

function nulBytes(r: Random, base: BasePage): Doc {
  const ext = r.pick(['.txt', '.html'] as const);
  const b = utf8(ext === '.txt' ? base.text : base.html);
  if (r.chance(0.3)) return { bytes: Buffer.from(b.toString('latin1'), 'utf16le'), ext };
  const out: Buffer[] = [];
  for (let at = 0; at < b.length; ) {
    const n = r.int(0, 400);
    out.push(b.subarray(at, at + n), Buffer.alloc(r.int(1, r.chance(0.1) ? 5000 : 3)));
    at += n;
  }
  return { bytes: Buffer.concat(out), ext };
}

function hugeAttributes(r: Random, base: BasePage): Doc {
  const size = r.int(10_000, 1_500_000);
  const value = r.pick([' ', 'a ', 'x', '&amp;', '"', "'", '=', 'A'.repeat(64) + '=', '\u00a0', '<>']).repeat(size).slice(0, size);
  const attr = r.pick([
    () => `<div class="${value}">`,
    () => `<img src="data:image/png;base64,${'iVBORw0KGgo'.repeat(size / 11)}" alt="${escapeHtml(base.name)}">`,
    () => `<p style='${value}'>`,
    () => `<span ${Array.from({ length: Math.min(50_000, size / 20) }, (_, i) => `data-a${i}="${i}"`).join(' ')}>`,
    () => `<a href="${value}`,
    () => `<meta name="description" content="${value}">`,
    () => `<div ${value}>`,
  ])();
  const at = base.html.indexOf('<article>');
  const cut = at < 0 ? 0 : at;
  return { bytes: utf8(base.html.slice(0, cut) + attr + base.html.slice(cut)), ext: '.html' };
}

function deepNesting(r: Random, base: BasePage): Doc {
  const depth = r.pick([500, 2_000, 5_000, 20_000, 40_000, r.int(100, 30_000)]);
  const [open, close] = r.pick([
    ['<div>', '</div>'],
    ['<span>', '</span>'],
    ['<b>', '</b>'],
    ['<blockquote>', '</blockquote>'],
    ['<ul><li>', '</li></ul>'],
    ['<table><tr><td>', '</td></tr></table>'],
    ['<div><p>', '</p></div>'],
    ['<article><section>', '</section></article>'],
  ] as const);
  const inner = base.text.split(/\n\s*\n/).slice(0, 8).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const closing = r.chance(0.6) ? close.repeat(depth) : '';
  return { bytes: utf8(`<!doctype html><html><body>${open.repeat(depth)}${inner}${closing}</body></html>`), ext: '.html' };
}

function longLines(r: Random, base: BasePage): Doc {
  const target = r.pick([100_000, 500_000, 1_000_000, 3_000_000]);
  const unit = r.pick([
    base.text.replace(/\s+/g, ' '),
    ' ',
    'a ',
    '-',
    '1',
    '12/',
    '| ',
    'Share ',
    'By Jane Doe and ',
    'Posted on 12 March 2024 at 10:00 ',
    '* ',
    'ab'.repeat(40),
  ]);
  const line = unit.repeat(Math.ceil(target / unit.length)).slice(0, target);
  const text = r.chance(0.5) ? `${base.text.slice(0, 2000)}\n\n${line}!\n\n${base.text.slice(2000, 4000)}` : line;
  return { bytes: utf8(text), ext: r.chance(0.8) ? '.txt' : '.html' };
}

function invalidUtf8(r: Random, base: BasePage): Doc {
  const b = utf8(base.text);
  const out: Buffer[] = [];
  for (let at = 0; at < b.length; ) {
    const n = r.int(0, 200);
    out.push(b.subarray(at, at + n));
    at += n;
    const junk = r.pick([
      () => Buffer.from([0xc0, 0xaf]), // overlong '/'
      () => Buffer.from([0xed, 0xa0, 0x80]), // encoded surrogate
      () => Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
      () => Buffer.from([0xe2, 0x82]), // truncated sequence
      () => Buffer.from([0xff, 0xfe, 0xfd]),
      () => Buffer.from(Array.from({ length: r.int(1, 50) }, () => r.int(0x80, 0xff))),
    ])();
    out.push(junk);
  }
  return { bytes: Buffer.concat(out), ext: r.pick(['.txt', '.html'] as const) };
}

function gzipGarbage(r: Random, base: BasePage): Doc {
  const ext = r.pick(['.txt', '.html'] as const);
  const plain = utf8(ext === '.txt' ? base.text : base.html);
  const bytes = r.pick([
    () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), r.bytes(r.int(0, 5000))]),
    () => gzipSync(r.bytes(r.int(0, 50_000))),
    () => {
      const z = gzipSync(plain);
      return z.subarray(0, r.int(2, z.length - 1));
    },
    () => {
      const z = gzipSync(plain);
      for (let n = r.int(1, 8); n > 0; n--) z[r.int(10, z.length - 1)] = r.int(0, 255);
      return z;
    },
    () => gzipSync(gzipSync(plain)),
    // Bombs: one letter repeated expands ~1,000 times, past --max-ratio; one
    // member, or the page followed by the same bomb member many times.
    () => gzipSync(Buffer.alloc(r.int(9, 24) << 20, r.int(0x21, 0x7e))),
    () => {
      const bomb = gzipSync(Buffer.alloc(1 << 20, r.int(0x21, 0x7e)));
      return Buffer.concat([gzipSync(plain), ...Array.from({ length: r.int(10, 200) }, () => bomb)]);
    },
    () => Buffer.concat([gzipSync(plain), r.bytes(r.int(1, 100))]),
    () => Buffer.concat([gzipSync(plain), gzipSync(plain)]),
  ])();
  return { bytes, ext };
}

function randomBytes(r: Random): Doc {
  const n = r.pick([0, 1, 2, 16, 1000, 100_000]);
  const bytes = r.pick([
    () => r.bytes(n),
    () => Buffer.from(Array.from({ length: n }, () => r.int(0x20, 0x7e))),
    () => Buffer.alloc(n, r.pick([0x20, 0x0a, 0x0d, 0x09, 0x00, 0x0c])),
    () => Buffer.concat([Buffer.from(r.pick(['89504e470d0a1a0a', '255044462d312e', '504b0304', '7f454c46', 'ffd8ffe0', '47494638']), 'hex'), r.bytes(n)]),
  ])();
  return { bytes, ext: r.pick(['.txt', '.html'] as const) };
}

/** A JSONL line that is never empty and never holds a line break of its own. */
function jsonlLine(r: Random, base: BasePage): Buffer {
  const good = () =>
    JSON.stringify({
      id: `${base.name}-${r.int(0, 1e6)}`,
      url: `https://example.com/${base.name}`,
      title: base.text.split('\n')[0]?.slice(0, 80),
      [r.pick(['text', 'html', 'content', 'body', 'raw_html'])]: r.chance(0.5) ? base.text : base.html,
    });
  const line: string | Buffer = r.pick<() => string | Buffer>([
    good,
    () => good().slice(0, r.int(1, 2000)),
    () => r.pick(['42', '"just a string"', 'null', 'true', '[1,2,3]', '{}', '{"text": 5}', '{"text": ""}', '{"id": "no-content"}', '{"text": "   "}']),
    () => `{"__proto__": {"polluted": "yes", "text": "injected"}, "text": ${JSON.stringify(base.text.slice(0, 3000))}}`,
    () => `{"constructor": {"prototype": {"polluted": "yes"}}, "toString": "x", "hasOwnProperty": 1, "text": ${JSON.stringify(base.text.slice(0, 3000))}}`,
    () => `{"id": ${JSON.stringify(r.pick(['../../etc/passwd', '/etc/passwd', '..\\..\\win.ini', '\u0000x', '', 'a/../../b', '~/.ssh/id_rsa']))}, "text": ${JSON.stringify(base.text.slice(0, 3000))}}`,
    () => `{"text": "a\\u0000b\\ud800c\\udfff\\u2028d\\u2029 ${'\\\\'.repeat(r.int(1, 5000))}", "id": 1}`,
    () => `{"text": ${JSON.stringify('word '.repeat(r.int(1000, 400_000)))}}`,
    () => {
      const depth = r.int(1000, 100_000);
      return `{"text": "deep", "x": ${'['.repeat(depth)}${r.chance(0.5) ? ']'.repeat(depth) : ''}}`;
    },
    () => {
      const b = utf8(good());
      for (let n = r.int(1, 20); n > 0; n--) b[r.int(0, b.length - 1)] = r.int(0, 255);
      return b;
    },
  ])();
  // A line break inside would split this line in two documents; a blank line is
  // no document at all.
  const bytes = typeof line === 'string' ? utf8(line) : line;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || bytes[i] === 0x0d) bytes[i] = 0x20;
  return /\S/.test(bytes.toString('latin1')) ? bytes : Buffer.from('x');
}

function jsonlBroken(r: Random, base: BasePage): { jsonl: Buffer[] } {
  return { jsonl: Array.from({ length: r.int(1, 12) }, () => jsonlLine(r, base)) };
}

/** A WARC response record; `lie` turns the true Content-Length into the one it declares. */
function warcRecord(n: number, html: Buffer, lie: (length: number) => number = (l) => l): Buffer {
  const http = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), html]);
  const id = `<urn:uuid:${String(n).padStart(8, '0')}-0000-4000-8000-000000000000>`;
  const head =
    `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: ${id}\r\nWARC-Target-URI: https://example.com/page-${n}\r\n` +
    `WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${lie(http.length)}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}

/** A WARC of a few responses, one of them broken: in its page (framing kept) or in its framing. */
function warcMutated(r: Random, base: BasePage): Warc {
  const n = r.int(1, 5);
  const pages = Array.from({ length: n }, () => utf8(base.html));
  const bad = r.int(0, n - 1);
  const how = r.pick(['page-flips', 'page-cut', 'gzip-members', 'gzip-member-flips', 'length-longer', 'length-shorter', 'length-huge', 'file-cut', 'header-flips'] as const);
  if (how === 'page-flips') for (let k = r.int(1, 40); k > 0; k--) pages[bad]![r.int(0, pages[bad]!.length - 1)] = r.int(0, 255);
  if (how === 'page-cut') pages[bad] = pages[bad]!.subarray(0, r.int(0, pages[bad]!.length));
  const lie = (size: number) =>
    how === 'length-longer' ? size + r.int(1, 5000)
    : how === 'length-shorter' ? size - r.int(1, Math.min(size, 5000))
    : how === 'length-huge' ? r.pick([100_000_001, 2 ** 40, 10 ** 15])
    : size;
  const records = pages.map((p, k) => warcRecord(k + 1, p, k === bad ? lie : undefined));
  const members = records.map((rec) => gzipSync(rec));
  // Bytes flipped past a member's header: its deflate data or its checksum, so
  // that the member breaks but the next one is still found (a flipped header
  // flag may make it swallow the next members).
  if (how === 'gzip-member-flips') for (let k = r.int(1, 20); k > 0; k--) members[bad]![r.int(10, members[bad]!.length - 1)] = r.int(0, 255);
  let warc = how === 'gzip-members' || how === 'gzip-member-flips' ? Buffer.concat(members) : Buffer.concat(records);
  if (how === 'file-cut') warc = warc.subarray(0, r.int(8, warc.length - 1));
  if (how === 'header-flips') for (let k = r.int(1, 10); k > 0; k--) warc[r.int(0, Math.min(warc.length, 300) - 1)] = r.int(0, 255);
  const framingKept = how === 'page-flips' || how === 'page-cut' || how === 'gzip-members' || how === 'gzip-member-flips';
  return { warc, documents: framingKept ? n : null };
}

/** The generators by name: what issue 5 lists, and pure noise. */
export const GENERATORS: Readonly<Record<string, Generator>> = {
  'byte-flips': byteFlips,
  truncation,
  'tag-soup': tagSoup,
  'mixed-encodings': mixedEncodings,
  'nul-bytes': nulBytes,
  'huge-attributes': hugeAttributes,
  'deep-nesting': deepNesting,
  'long-lines': longLines,
  'invalid-utf8': invalidUtf8,
  'gzip-garbage': gzipGarbage,
  'jsonl-broken': jsonlBroken,
  'random-bytes': randomBytes,
  'warc-mutated': warcMutated,
};

/** The n-th input of a run: a mutated page as a file, sometimes gzipped. */
export function makeInput(r: Random, bases: readonly BasePage[], n: number, kinds: readonly string[] = Object.keys(GENERATORS)): FuzzInput {
  const kind = r.pick(kinds);
  const made = GENERATORS[kind]!(r, r.pick(bases));
  const prefix = `${String(n).padStart(3, '0')}-${kind}`;
  const zip = kind !== 'gzip-garbage' && r.chance(0.15);
  if ('warc' in made) return { name: `${prefix}.warc`, kind, bytes: made.warc, documents: made.documents };
  if ('jsonl' in made) {
    const body = Buffer.concat(made.jsonl.flatMap((l, i) => (i < made.jsonl.length - 1 || r.chance(0.7) ? [l, Buffer.from('\n')] : [l])));
    return { name: `${prefix}.jsonl${zip ? '.gz' : ''}`, kind, bytes: zip ? gzipSync(body) : body, documents: made.jsonl.length };
  }
  // A document that opens with `{` could be taken for JSONL when read from stdin.
  const plain = made.bytes[0] === 0x7b ? Buffer.concat([Buffer.from(' '), made.bytes]) : made.bytes;
  return { name: `${prefix}${made.ext}${zip ? '.gz' : ''}`, kind, bytes: zip ? gzipSync(plain) : plain, documents: 1 };
}

export interface CliRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed by us after the run's time was up. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI as a user would. A run that outlives `timeoutMs` is killed
 * and marked: a hang is a failure, found without asserting any timing.
 */
export function runCli(args: string[], options: { stdin?: Buffer; timeoutMs: number; cwd?: string; maxOutput?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outSize = 0;
    const max = options.maxOutput ?? 512 * 1024 * 1024;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      outSize += c.length;
      if (outSize <= max) out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {}); // the CLI may finish before reading all of stdin
    child.stdin.end(options.stdin ?? '');
  });
}

/** A stack trace, or a JavaScript error name, on stderr: errors must read as one-line messages. */
export function hasStackTrace(stderr: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(stderr) || /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|InternalError)\b|node:internal|FATAL ERROR|Aborted \(core dumped\)/.test(stderr);
}

/** What went wrong in one run; empty when the run met every check. */
export interface Verdict {
  crash: string[];
  hang: boolean;
  /** Inputs that came out with fewer entries than documents, and by how many. */
  lost: { name: string; missing: number }[];
  /** Inputs that came out with more entries than documents. */
  extra: { name: string; surplus: number }[];
  /** Documents reported as our own bug (`internal error`): not lost, still a defect. */
  internal: string[];
}

export const failed = (v: Verdict) => v.crash.length > 0 || v.hang || v.lost.length > 0 || v.extra.length > 0;

/**
 * Judges one CLI run over `inputs`, each read from `sources[i]` (a path, or `-`
 * for stdin): exit 0 or 1, valid JSONL, no stack trace, and for each input as
 * many records plus error lines as it holds documents.
 */
export function judge(run: CliRun, inputs: readonly FuzzInput[], sources: readonly string[]): Verdict {
  const v: Verdict = { crash: [], hang: run.timedOut, lost: [], extra: [], internal: [] };
  if (run.timedOut) return v;
  if (run.signal) v.crash.push(`killed by ${run.signal}`);
  else if (run.code !== 0 && run.code !== 1) v.crash.push(`exit code ${run.code}`);
  if (hasStackTrace(run.stderr)) v.crash.push(`stack trace on stderr: ${firstLines(run.stderr)}`);
  const counts = new Map<string, number>(sources.map((s) => [s, 0]));
  const lines = run.stdout.split('\n');
  if (lines.at(-1) !== '') v.crash.push('stdout does not end with a line break');
  for (const line of lines.slice(0, -1)) {
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      v.crash.push(`stdout line is not JSON: ${line.slice(0, 120)}`);
      continue;
    }
    const source = (rec as { source?: unknown })?.source;
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec) || typeof source !== 'string' || !counts.has(source)) {
      v.crash.push(`record names no input: ${line.slice(0, 120)}`);
      continue;
    }
    counts.set(source, counts.get(source)! + 1);
  }
  for (const line of run.stderr.split('\n').filter(Boolean)) {
    const said = line.startsWith('normalize: ') ? line.slice('normalize: '.length) : null;
    const source = said === null ? undefined : sources.find((s) => (s === '-' ? /^(?:stdin|-)(?::|$)/.test(said) : said.startsWith(`${s}:`)));
    if (source === undefined) {
      v.crash.push(`stderr line names no input: ${line.slice(0, 200)}`);
      continue;
    }
    counts.set(source, counts.get(source)! + 1);
    if (/internal error/i.test(line)) v.internal.push(line.slice(0, 300));
  }
  inputs.forEach((input, i) => {
    const seen = counts.get(sources[i]!)!;
    if (input.documents === null) return;
    if (seen < input.documents) v.lost.push({ name: input.name, missing: input.documents - seen });
    if (seen > input.documents) v.extra.push({ name: input.name, surplus: seen - input.documents });
  });
  return v;
}

function firstLines(text: string): string {
  return text.split('\n').slice(0, 4).join(' | ').slice(0, 400);
}

/** One line per problem, for a report or an assertion message. */
export function describeVerdict(v: Verdict): string[] {
  return [
    ...(v.hang ? ['hang: killed after the run timeout'] : []),
    ...v.crash.map((c) => `crash: ${c}`),
    ...v.lost.map((l) => `lost: ${l.name} (${l.missing} document${l.missing > 1 ? 's' : ''} without record or error)`),
    ...v.extra.map((e) => `duplicated: ${e.name} (${e.surplus} entries too many)`),
    ...v.internal.map((i) => `internal error: ${i}`),
  ];
}

/** One CLI run of a fuzz session, as planned from its seed alone. */
export interface FuzzPlan {
  run: number;
  inputs: FuzzInput[];
  /** Flags beside the inputs: `--explain`, `--jobs 1` (the chain without worker threads). */
  flags: string[];
  /** One input piped into stdin instead of a folder of files. */
  viaStdin: boolean;
}

export interface FuzzRun extends FuzzPlan {
  /** Where the inputs were written; the caller removes it or keeps it as evidence. */
  dir: string;
  result: CliRun;
  verdict: Verdict;
}

export interface FuzzOptions {
  bases: readonly BasePage[];
  /** Inputs per batch run (stdin runs take one). */
  perRun: number;
  /** Share of runs that feed one input through stdin instead of files. */
  stdinShare: number;
  /** Kill a run after this long, plus `perInputMs` for each input. */
  baseTimeoutMs: number;
  perInputMs: number;
  /** Generators to draw from (default: all). */
  kinds?: readonly string[];
  /** Parent folder for each run's input folder. */
  tmp: string;
}

/** The same seed and run number always give the same inputs and arguments. */
export function planRun(seed: number, run: number, o: FuzzOptions): FuzzPlan {
  const r = new Random(runSeed(seed, run));
  const kinds = o.kinds ?? Object.keys(GENERATORS);
  const viaStdin = r.chance(o.stdinShare);
  const inputs = Array.from({ length: viaStdin ? 1 : o.perRun }, (_, n) => makeInput(r, o.bases, n, kinds));
  const flags = [...(r.chance(0.3) ? ['--explain'] : []), ...(r.chance(0.3) ? ['--jobs', '1'] : [])];
  return { run, inputs, flags, viaStdin };
}

/** Runs a plan: its files in a fresh folder given to the CLI as a directory, or its one input on stdin. */
export async function execute(plan: FuzzPlan, o: FuzzOptions): Promise<FuzzRun> {
  const dir = mkdtempSync(join(o.tmp, `run-${plan.run}-`));
  for (const input of plan.inputs) writeFileSync(join(dir, input.name), input.bytes);
  const timeoutMs = o.baseTimeoutMs + o.perInputMs * plan.inputs.length;
  let result: CliRun;
  let sources: string[];
  if (plan.viaStdin) {
    const input = plan.inputs[0]!;
    const asJsonl = input.name.includes('.jsonl') ? ['--input-format', 'jsonl'] : [];
    result = await runCli([...plan.flags, ...asJsonl], { stdin: input.bytes, timeoutMs });
    sources = ['-'];
  } else {
    result = await runCli([...plan.flags, dir], { timeoutMs });
    sources = plan.inputs.map((i) => join(dir, i.name));
  }
  return { ...plan, dir, result, verdict: judge(result, plan.inputs, sources) };
}
