import { isAscii, isUtf8, transcode } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { DocumentError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { expansionAllowed, gzipBomb, isGzip } from './gunzip.js';
import { tooLarge } from './read.js';
import type { DecodedDocument, RawDocument } from './types.js';

/** The decode stage: bytes in, text out, the way a browser would read them. */
export function decode(doc: RawDocument, options: Pick<ResolvedOptions, 'maxBytes' | 'maxRatio'>): DecodedDocument {
  let bytes = doc.bytes;
  if (isGzip(bytes)) bytes = gunzip(bytes, options);
  if (bytes.length > options.maxBytes) throw tooLarge(options.maxBytes);
  const binary = binaryKind(bytes);
  if (binary) throw new DocumentError('binary', `binary data (${binary}), not a text or HTML document`);
  const { encoding, validUtf8 } = sniff(bytes, doc.charset);
  const text =
    encoding === 'windows-1252' ? decodeWindows1252(bytes)
    : encoding === 'utf-8' && (validUtf8 || isUtf8(bytes)) ? decodeValidUtf8(bytes)
    : new TextDecoder(encoding).decode(bytes);
  if (!/\S/.test(text)) throw new DocumentError('empty', bytes.length ? 'no text: only white space' : 'empty document');
  // The optional fields are set after: spreading them in made each document's object by the slow, generic copy.
  const decoded: DecodedDocument = { id: doc.id, source: doc.source, text, format: doc.format, ext: doc.ext, encoding, inputBytes: bytes.length };
  if (doc.line !== undefined) decoded.line = doc.line;
  if (doc.url !== undefined) decoded.url = doc.url;
  return decoded;
}

/** Gzip bytes a container held (a WARC payload); the output never passes either limit. */
function gunzip(bytes: Buffer, { maxBytes, maxRatio }: Pick<ResolvedOptions, 'maxBytes' | 'maxRatio'>): Buffer {
  const allowed = expansionAllowed(bytes.length, maxRatio);
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.min(maxBytes, allowed) + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw new DocumentError('bad-gzip', `broken gzip data (${(err as Error).message})`);
    throw maxBytes <= allowed ? tooLarge(maxBytes) : gzipBomb(maxRatio, allowed, bytes.length);
  }
}

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['WebP or other RIFF media', [0x52, 0x49, 0x46, 0x46]],
  ['ZIP archive or office document', [0x50, 0x4b, 0x03, 0x04]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['WebAssembly', [0x00, 0x61, 0x73, 0x6d]],
  ['bzip2 data', [0x42, 0x5a, 0x68]],
  ['xz data', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ['zstd data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['MP3 audio', [0x49, 0x44, 0x33]],
  ['font', [0x77, 0x4f, 0x46, 0x46]],
];

/** What kind of binary the bytes are, or null when they may be text. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const [name, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return name;
  }
  if (utf16Bom(bytes)) return null;
  // Text has no NUL and few C0 controls; UTF-16 without a BOM shows up as NULs too
  // and is rare enough on the web to be reported rather than guessed at.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES));
  if (head.indexOf(0) !== -1) return 'NUL bytes';
  return strayControls(head) > head.length * 0.05 + 2 ? 'control characters' : null;
}

const SNIFF_BYTES = 8192;
// The head copied to whole 32-bit words, padded with spaces.
const scratch = new Uint8Array(SNIFF_BYTES + 4);
const scratchWords = new Uint32Array(scratch.buffer);

/** How many bytes are C0 controls that text does not use (all but tab, line and form feed, return, escape). */
function strayControls(head: Uint8Array): number {
  scratch.set(head);
  scratch.fill(0x20, head.length, head.length + 4);
  let controls = 0;
  for (let w = 0, words = (head.length + 3) >> 2; w < words; w++) {
    const x = scratchWords[w]!;
    // The high bit of each byte of x below 0x20, less those of tab, line feed and
    // return: text has another control in few words, so most (a line feed in
    // every tenth or so, looked for first) are passed over four bytes at a time.
    let below = ~(((x & 0x7f7f7f7f) + 0x60606060) | x) & 0x80808080;
    if (below === 0 || (below &= ~bytesOf(x, 0x0a)) === 0 || (below & ~bytesOf(x, 0x0d) & ~bytesOf(x, 0x09)) === 0) continue;
    for (let i = w * 4; i < w * 4 + 4; i++) {
      const b = scratch[i]!;
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
    }
  }
  return controls;
}

/** The high bit of each byte of the word x that is the byte b. No carry crosses a byte: exact for each. */
function bytesOf(x: number, b: number): number {
  const y = x ^ (b * 0x01010101);
  return ~(((y & 0x7f7f7f7f) + 0x7f7f7f7f) | y) & 0x80808080;
}

function utf16Bom(b: Uint8Array): string | null {
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * BOM first, then the charset the container gave (an HTTP header), then one the
 * document declares in its first kilobytes, then UTF-8 if the bytes are (mostly)
 * valid UTF-8, else windows-1252, which is what browsers assume for undeclared
 * legacy pages and which decodes every byte.
 */
export function sniffEncoding(bytes: Uint8Array, charset?: string): string {
  return sniff(bytes, charset).encoding;
}

/** sniffEncoding, and whether it found the bytes valid UTF-8 on the way (decode then need not check them again). */
function sniff(bytes: Uint8Array, charset?: string): { encoding: string; validUtf8: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', validUtf8: false };
  const bom = utf16Bom(bytes);
  if (bom) return { encoding: bom, validUtf8: false };
  const declared = (charset && encodingOf(charset)) || declaredCharset(bytes);
  if (declared) return { encoding: declared, validUtf8: false };
  if (isUtf8(bytes)) return { encoding: 'utf-8', validUtf8: true };
  return { encoding: mostlyUtf8(bytes) ? 'utf-8' : 'windows-1252', validUtf8: false };
}

/** `<meta charset=…>` or `<meta http-equiv=content-type content="…charset=…">`. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096));
  // Most text has no tag at all, and a byte search costs far less than the head read as a string.
  if (head.indexOf(0x3c) === -1) return null;
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head.toString('latin1'));
  if (!m) return null;
  // The declaration was readable as ASCII, so the bytes cannot be UTF-16: the
  // HTML standard reads such pages as UTF-8.
  return m[1]!.toLowerCase().startsWith('utf-16') ? 'utf-8' : encodingOf(m[1]!);
}

/** The WHATWG encoding a charset label names, or null for a label no browser knows. */
function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/**
 * True when the bytes hold valid multibyte UTF-8 and at most a few stray bytes
 * (a cut-off character, one pasted windows-1252 quote), or are plain ASCII.
 */
function mostlyUtf8(b: Uint8Array): boolean {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += len;
    } else {
      bad++;
      i++;
    }
  }
  return bad === 0 || good >= bad * 2;
}

/**
 * Valid UTF-8 read as TextDecoder reads it, which drops a BOM. TextDecoder (V8's
 * decoder) takes each character in turn; ICU's transcoder writes the UTF-16 in
 * bulk and the string is a copy of it, in about a quarter of the time. Bytes that
 * are not valid UTF-8 stay with TextDecoder, whose replacement characters are the
 * standard's.
 */
function decodeValidUtf8(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Node 20's TextDecoder reads windows-1252 as ISO-8859-1, turning 0x80-0x9F into
// C1 controls instead of the quotes, dashes and € that those bytes are.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
