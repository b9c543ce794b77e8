import { brotliDecompressSync, inflateSync } from 'node:zlib';
import type { WARCRecord } from 'warcio';
import { DocumentError, toFailure } from './errors.js';
import type { DocumentFailure, Origin, RawDocument } from './types.js';

/**
 * WARC input: one RawDocument per `response` record with an HTML payload. The
 * WARC framing is warcio's; the HTTP message inside a record is split here,
 * within the record's own Content-Length, so that a record with a broken HTTP
 * message cannot swallow the records after it (warcio's HTTP parser reads on
 * past the record).
 */

export interface WarcOptions {
  maxBytes: number;
  /** Told of each record that is not an HTML response, and why. */
  onSkip?: (why: string) => void;
}

/** `WARC/1.0` or `WARC/1.1` at the start of a stream. */
export function looksLikeWarc(head: Buffer): boolean {
  return head.subarray(0, 8).toString('latin1').startsWith('WARC/1.');
}

export async function* warcDocuments(
  chunks: AsyncIterable<Buffer>,
  origin: Origin,
  options: WarcOptions,
): AsyncGenerator<RawDocument | DocumentFailure> {
  // Loaded on first use: most runs read no WARC, and every worker thread loads what this module does.
  const { WARCParser } = await import('warcio');
  const parser = new WARCParser(chunks, { parseHttp: false });
  let n = 0;
  for await (const record of parser) {
    n++;
    const recordId = record.warcHeader('WARC-Record-ID')?.replace(/^<(.*)>$/, '$1');
    const where = { ...origin, id: recordId ?? `${origin.id}#${n}` };
    const broken = (why: string) => toFailure(where, new DocumentError('bad-warc', `WARC record ${n}: ${why}`));
    const type = record.warcType;
    const length = record.warcContentLength;
    if (!type || !recordId || !Number.isSafeInteger(length) || length < 0) {
      await passOver(record);
      yield broken(`missing or invalid ${!type ? 'WARC-Type' : !recordId ? 'WARC-Record-ID' : 'Content-Length'} header`);
      continue;
    }
    if (type !== 'response') {
      await passOver(record);
      options.onSkip?.(`${type} record`);
      continue;
    }
    if (length > options.maxBytes) {
      await passOver(record);
      yield toFailure(where, new DocumentError('too-large', `WARC record ${n}: larger than --max-bytes (${options.maxBytes} bytes)`));
      continue;
    }
    const block = Buffer.from(await record.readFully(false));
    if (block.length < length) {
      yield broken(`cut short: ${block.length} of ${length} bytes`);
      continue;
    }
    const http = splitHttp(block);
    if (typeof http === 'string') {
      yield broken(http);
      continue;
    }
    const status = http.status;
    const mime = (http.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (status < 200 || status > 299) {
      options.onSkip?.(`HTTP ${status} response`);
      continue;
    }
    if (mime !== 'text/html' && mime !== 'application/xhtml+xml') {
      options.onSkip?.(`${mime || 'untyped'} response`);
      continue;
    }
    let body: Buffer;
    try {
      body = unwrapBody(http.body, http.headers);
    } catch (err) {
      yield broken((err as Error).message);
      continue;
    }
    const charset = /;\s*charset\s*=\s*["']?([\w:.-]+)/i.exec(http.headers.get('content-type') ?? '')?.[1];
    const url = record.warcTargetURI?.replace(/^<(.*)>$/, '$1');
    yield {
      ...where,
      bytes: body,
      format: 'html',
      ext: '.html',
      ...(charset && { charset }),
      ...(url && { url }),
    };
  }
}

/**
 * Reads a record's block to its end and drops it, or to the end of the input
 * when the record claims more bytes than are left: warcio's own skip would ask
 * for the missing bytes forever.
 */
async function passOver(record: WARCRecord): Promise<void> {
  for await (const chunk of record.reader) void chunk;
  record.consumed = 'skipped';
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
