import { brotliDecompressSync, inflateSync } from 'node:zlib';
import { DocumentError, type ErrorCode, toFailure } from './errors.js';
import type { Gap } from './gunzip.js';
import { type DocumentFailure, type Origin, type RawDocument, isFailure } from './types.js';

/**
 * WARC input: one RawDocument per `response` record with an HTML payload. The
 * framing is read here, not by a library, because a corpus holds files whose
 * framing lies: a record claiming more bytes than the file holds must end the
 * file, not wait for the bytes; one claiming fewer must cost that record, not
 * the next; and nothing may be printed on the run's stderr. After every record
 * the reader moves on to the next line that starts a record (`WARC/1.`), so a
 * record whose framing is wrong costs one error and the rest of the file is read.
 * The HTTP message inside a record is split within the record's own bytes.
 */

export interface WarcOptions {
  maxBytes: number;
  /** Told of each record that is not an HTML response, and why. */
  onSkip?: (why: string) => void;
  /** Told where each record starts, so that a limit on the bytes read can count per record. */
  onRecordStart?: () => void;
}

/** `WARC/1.0` or `WARC/1.1` at the start of a stream. */
export function looksLikeWarc(head: Buffer): boolean {
  return head.subarray(0, 8).toString('latin1').startsWith('WARC/1.');
}

const RECORD_START = Buffer.from('WARC/1.');
/** A header block longer than this is not a WARC header. */
const HEADER_LIMIT = 64 * 1024;

/** Buffered reading from a stream of chunks, stopping at a gap until told to cross it. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private at = 0;
  /** Where the buffer starts in the stream. */
  private base = 0;
  private ended = false;
  /** Whether the unread bytes start a line (a record starts only at a line's start). */
  private lineStart = true;
  /** Why the bytes after the buffered ones do not follow on, when they do not. */
  gap: Gap | null = null;

  constructor(private readonly source: AsyncIterator<Buffer | Gap>) {}

  get buffered(): number {
    return this.buf.length - this.at;
  }

  /** One more chunk into the buffer; false at the end of the input or at a gap. */
  private async more(): Promise<boolean> {
    while (!this.ended && this.gap === null) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      if (!Buffer.isBuffer(next.value)) {
        this.gap = next.value;
        break;
      }
      if (!next.value.length) continue;
      if (this.at > 0) this.lineStart = this.buf[this.at - 1] === 0x0a;
      this.base += this.at;
      this.buf = this.at < this.buf.length ? Buffer.concat([this.buf.subarray(this.at), next.value]) : next.value;
      this.at = 0;
      return true;
    }
    return false;
  }

  /** The bytes after a gap are read from here on; what is left before it joins nothing. */
  crossGap(): void {
    this.gap = null;
    this.base += this.buf.length;
    this.buf = Buffer.alloc(0);
    this.at = 0;
    this.lineStart = true;
  }

  /** How many bytes of the stream were read. */
  get position(): number {
    return this.base + this.at;
  }

  /**
   * The next line without its line break, at most `limit` bytes long; null at the
   * end of the input or a gap, 'too long' past the limit (the line stays unread).
   */
  async line(limit: number): Promise<Buffer | null | 'too long'> {
    let from = this.at;
    for (;;) {
      const nl = this.buf.indexOf(0x0a, from);
      if (nl >= 0 && nl - this.at <= limit) {
        const end = nl > this.at && this.buf[nl - 1] === 0x0d ? nl - 1 : nl;
        const line = this.buf.subarray(this.at, end);
        this.at = nl + 1;
        return line;
      }
      if (nl >= 0 || this.buffered > limit) return 'too long';
      from = this.buf.length;
      const start = this.at;
      if (!(await this.more())) return null;
      from -= start;
    }
  }

  /**
   * Consumes up to n bytes, keeping them only if asked: the bytes, or how many
   * there were when the input ended (or reached a gap) first.
   */
  async take(n: number, keep: boolean): Promise<{ got: number; bytes: Buffer[] }> {
    const bytes: Buffer[] = [];
    let got = 0;
    while (got < n) {
      if (!this.buffered && !(await this.more())) break;
      const piece = this.buf.subarray(this.at, this.at + Math.min(n - got, this.buffered));
      this.at += piece.length;
      got += piece.length;
      if (keep) bytes.push(piece);
    }
    return { got, bytes };
  }

  /**
   * Moves to the next line that starts a record, discarding what comes before;
   * false when there is none before the end of the input or a gap.
   */
  async toRecordStart(): Promise<boolean> {
    for (;;) {
      let i = this.at;
      for (;;) {
        const hit = this.buf.indexOf(RECORD_START, i);
        if (hit < 0) break;
        if (hit === 0 ? this.lineStart : this.buf[hit - 1] === 0x0a) {
          this.at = hit;
          return true;
        }
        i = hit + 1;
      }
      // Keep a tail that may be the start of a record cut by the chunk boundary,
      // and the byte before it.
      this.at = Math.max(this.at, this.buf.length - RECORD_START.length);
      if (!(await this.more())) {
        this.at = this.buf.length;
        return false;
      }
    }
  }
}

export async function* warcDocuments(
  chunks: AsyncIterable<Buffer | Gap>,
  origin: Origin,
  options: WarcOptions,
): AsyncGenerator<RawDocument | DocumentFailure> {
  const input = new ByteReader(chunks[Symbol.asyncIterator]());
  let n = 0;
  let found = await input.toRecordStart();
  // Whether the gap at hand was charged to the record before it.
  let charged = false;
  for (;;) {
    if (!found) {
      const gap = input.gap;
      if (gap === null) return;
      // A gap no record was charged with: the gzip member holding a record broke
      // before the record began. A bomb found in a member with no record start
      // is the rest of a bomb whose record has its error (a bomb may span many members).
      if (!gap.trailing && !charged && gap.why.code !== 'gzip-bomb') {
        n++;
        yield toFailure({ ...origin, id: `${origin.id}#${n}` }, new DocumentError(gap.why.code, `WARC record ${n}: ${gap.why.message}`));
      }
      charged = false;
      input.crossGap();
      found = await input.toRecordStart();
      continue;
    }
    n++;
    options.onRecordStart?.();
    const { where, outcome } = await readRecord(input, n, origin, options);
    const end = input.position;
    // A record cut by a gap says so in its failure.
    const cut = input.gap !== null;
    // Past the record before it goes: a gzip member found broken after the
    // record's end (a checksum that does not match) breaks it too if it held
    // some of the record's bytes.
    found = await input.toRecordStart();
    const gap = found ? null : input.gap;
    const held = gap !== null && !gap.trailing && gap.memberStart < end;
    charged = cut || held;
    if (!cut && held && typeof outcome !== 'string' && !isFailure(outcome)) {
      yield toFailure(where, new DocumentError(gap!.why.code, `WARC record ${n}: ${gap!.why.message}`));
    } else if (typeof outcome === 'string') options.onSkip?.(outcome);
    else yield outcome;
  }
}

/** One record, read to the end of its block: a document, a failure, or why it is passed over. */
async function readRecord(
  input: ByteReader,
  n: number,
  origin: Origin,
  options: WarcOptions,
): Promise<{ where: Origin; outcome: RawDocument | DocumentFailure | string }> {
  const header = await readHeader(input);
  const recordId = header.fields?.get('warc-record-id')?.replace(/^<(.*)>$/, '$1');
  const where = { ...origin, id: recordId ?? `${origin.id}#${n}` };
  const fail = (code: ErrorCode, why: string) => ({ where, outcome: toFailure(where, new DocumentError(code, `WARC record ${n}: ${why}`)) });
  if (!header.fields) return fail('bad-warc', header.why);
  const type = header.fields.get('warc-type');
  const lengthField = header.fields.get('content-length') ?? '';
  const length = /^\d{1,15}$/.test(lengthField) ? Number(lengthField) : NaN;
  if (!type || !recordId || Number.isNaN(length)) {
    return fail('bad-warc', `missing or invalid ${!type ? 'WARC-Type' : !recordId ? 'WARC-Record-ID' : 'Content-Length'} header`);
  }
  const wanted = type === 'response' && length <= options.maxBytes;
  const block = await input.take(length, wanted);
  if (block.got < length && input.gap) return fail(input.gap.why.code, input.gap.why.message);
  if (type !== 'response') return { where, outcome: `${type} record` };
  if (!wanted) return fail('too-large', `larger than --max-bytes (${options.maxBytes} bytes)`);
  if (block.got < length) return fail('bad-warc', `cut short: ${block.got} of ${length} bytes`);
  const http = splitHttp(Buffer.concat(block.bytes, length));
  if (typeof http === 'string') return fail('bad-warc', http);
  const status = http.status;
  const mime = (http.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (status < 200 || status > 299) return { where, outcome: `HTTP ${status} response` };
  if (mime !== 'text/html' && mime !== 'application/xhtml+xml') return { where, outcome: `${mime || 'untyped'} response` };
  let body: Buffer;
  try {
    body = unwrapBody(http.body, http.headers);
  } catch (err) {
    return fail('bad-warc', (err as Error).message);
  }
  const charset = /;\s*charset\s*=\s*["']?([\w:.-]+)/i.exec(http.headers.get('content-type') ?? '')?.[1];
  const url = header.fields.get('warc-target-uri')?.replace(/^<(.*)>$/, '$1');
  return { where, outcome: { ...where, bytes: body, format: 'html', ext: '.html', ...(charset && { charset }), ...(url && { url }) } };
}

type Header = { fields: Map<string, string> } | { fields: null; why: string };

/**
 * A record's header: the version line, then `Name: value` lines up to a blank
 * line (names in lower case). A header that does not end is no header; the
 * reader has then passed its first line, so the search for the next record
 * moves on.
 */
async function readHeader(input: ByteReader): Promise<Header> {
  const fields = new Map<string, string>();
  let size = 0;
  const cutShort = () => `header cut short${input.gap ? ` (${input.gap.why.message})` : ''}`;
  const version = await input.line(HEADER_LIMIT);
  if (version === null || version === 'too long') {
    // The version line stays unread: step over its marker, or the search for
    // the next record would find this one again, for ever.
    await input.take(RECORD_START.length, false);
    return { fields: null, why: version === null ? cutShort() : `version line longer than ${HEADER_LIMIT} bytes` };
  }
  for (;;) {
    const line = await input.line(HEADER_LIMIT - size);
    if (line === null) return { fields: null, why: cutShort() };
    if (line === 'too long') return { fields: null, why: `header longer than ${HEADER_LIMIT} bytes` };
    if (!line.length) return { fields };
    size += line.length + 2;
    const text = line.toString('latin1');
    const colon = text.indexOf(':');
    if (colon > 0) fields.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
  }
}

interface HttpMessage {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

const HEAD_LIMIT = 256 * 1024;

/** An HTTP response's status, headers (lower-case names) and body, or why it is not one. */
function splitHttp(block: Buffer): HttpMessage | string {
  const crlf = block.indexOf('\r\n\r\n');
  const lf = block.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
  if (end < 0 || end > HEAD_LIMIT) return 'no HTTP header in the response';
  const lines = block.subarray(0, end).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)? +(\d{3})\b/.exec(lines[0]!);
  if (!status) return `not an HTTP status line: ${JSON.stringify(lines[0]!.slice(0, 60))}`;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers, body: block.subarray(end) };
}

/**
 * The payload as the server meant it: de-chunked, and inflated unless it is
 * gzip, which the decode stage undoes (in a worker, when there are workers).
 */
function unwrapBody(body: Buffer, headers: Map<string, string>): Buffer {
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const coding = (headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (coding === 'deflate') return inflateSync(body);
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding && coding !== 'identity' && coding !== 'gzip' && coding !== 'x-gzip') throw new Error(`unsupported Content-Encoding ${coding}`);
  return body;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = body.indexOf('\r\n', at);
    const size = nl < 0 ? NaN : parseInt(body.subarray(at, nl).toString('latin1'), 16);
    if (!Number.isSafeInteger(size) || size < 0 || nl + 2 + size > body.length) throw new Error('broken chunked transfer encoding');
    if (size === 0) return Buffer.concat(parts);
    parts.push(body.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
}
