import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { type Gunzip, createGunzip } from 'node:zlib';
import { DocumentError, toFailure } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { DocumentFailure, FormatOption, Origin, RawDocument } from './types.js';
import { type Gap, looksLikeWarc, warcDocuments } from './warc.js';

/** The read stage: paths (or a stdin stream) in, one RawDocument per document out. */

export interface ReadOptions extends Pick<ResolvedOptions, 'inputFormat' | 'maxBytes' | 'maxRatio'> {
  /** Only files whose name has one of these extensions (without the dot). */
  extensions?: string[];
  /** The stream that `-` (or no path) stands for; the library never opens stdin itself. */
  stdin?: Readable;
  /** Told of every chunk of input bytes as read, before any gunzip (for progress). */
  onRead?: (bytes: number) => void;
  /** Told of each WARC record that is not an HTML response, and why it was passed over. */
  onSkip?: (source: string, why: string) => void;
}

/** One input: a file found below a path as given (its root), or `-` for stdin. */
export interface InputFile {
  path: string;
  root: string;
}

const KNOWN_EXTENSIONS = new Set([
  'txt', 'text', 'html', 'htm', 'xhtml', 'shtml', 'php', 'asp', 'aspx', 'jsp',
  'jsonl', 'ndjson', 'json', 'gz', 'gzip', 'md', 'warc',
]);

/** `news/page.html.gz` → `page`: the file name without the extensions we know. */
export function idFromPath(path: string): string {
  let name = basename(path);
  for (;;) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0 || !KNOWN_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return name;
    name = name.slice(0, dot);
  }
}

/** The extension that says what the content is: `.html` for `page.html.gz`. */
export function contentExtension(path: string): string {
  const parts = basename(path).toLowerCase().split('.').slice(1);
  while (parts.length && (parts.at(-1) === 'gz' || parts.at(-1) === 'gzip')) parts.pop();
  return parts.length ? `.${parts.at(-1)}` : '';
}

function wantsFile(name: string, extensions: string[] | undefined): boolean {
  if (name.startsWith('.')) return false;
  if (!extensions?.length) return true;
  const parts = name.toLowerCase().split('.').slice(1);
  return extensions.some((e) => parts.includes(e.replace(/^\./, '').toLowerCase()));
}

/** Every file below a path, depth first in name order, hidden entries skipped. */
async function* walk(path: string, options: ReadOptions, top: boolean): AsyncGenerator<string | DocumentFailure> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    yield unreadable(path, err);
    return;
  }
  if (info.isFile()) {
    // A file named on the command line is read whatever its extension.
    if (top || wantsFile(basename(path), options.extensions)) yield path;
    return;
  }
  if (!info.isDirectory()) {
    if (top) yield unreadable(path, new Error('not a regular file or directory'));
    return;
  }
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (err) {
    yield unreadable(path, err);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    // Symbolic links to directories are not followed: they can make cycles.
    if (entry.isDirectory()) yield* walk(child, options, false);
    else if ((entry.isFile() || entry.isSymbolicLink()) && wantsFile(entry.name, options.extensions)) yield child;
  }
}

function unreadable(path: string, err: unknown): DocumentFailure {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : err instanceof Error ? err.message : String(err);
  return toFailure({ id: idFromPath(path), source: path }, new DocumentError('unreadable', `cannot read: ${why}`));
}

/** All documents from the given paths; none, or `-`, means the stdin stream. */
export async function* readDocuments(paths: string[], options: ReadOptions): AsyncGenerator<RawDocument | DocumentFailure> {
  for await (const input of inputFiles(paths, options)) {
    if ('error' in input) yield input;
    else yield* documentsOfInput(input, options);
  }
}

/** Every input file below the given paths, in order; a path that cannot be read is a failure. */
export async function* inputFiles(paths: string[], options: ReadOptions): AsyncGenerator<InputFile | DocumentFailure> {
  for (const path of paths.length ? paths : ['-']) {
    if (path === '-') {
      yield { path, root: path };
      continue;
    }
    for await (const file of walk(path, options, true)) yield typeof file === 'string' ? { path: file, root: path } : file;
  }
}

/** The documents of one input file (or of stdin). */
export async function* documentsOfInput(input: InputFile, options: ReadOptions): AsyncGenerator<RawDocument | DocumentFailure> {
  if (input.path === '-') {
    if (!options.stdin) throw new TypeError('reading `-` needs options.stdin');
    yield* documentsOfStream(options.stdin, { id: 'stdin', source: '-' }, '', options);
    return;
  }
  const file = input.path;
  let stream: Readable;
  try {
    stream = await openFile(file);
  } catch (err) {
    yield unreadable(file, err);
    return;
  }
  yield* documentsOfStream(stream, { id: idFromPath(file), source: file }, contentExtension(file), options);
}

/** Opens only once the file is known readable, so that a failure names the file. */
function openFile(file: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const s = createReadStream(file);
    s.once('open', () => resolve(s));
    s.once('error', reject);
  });
}

const GZIP_MAGIC = [0x1f, 0x8b];
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * Splits one byte stream into documents: the whole stream, or one per line when
 * it is JSONL. Gzip is undone here, as a stream, so that neither a large JSONL
 * file nor a gzip bomb is ever held in memory whole.
 */
export async function* documentsOfStream(
  input: Readable,
  origin: Origin,
  ext: string,
  options: Pick<ReadOptions, 'inputFormat' | 'maxBytes' | 'maxRatio' | 'onRead' | 'onSkip'>,
): AsyncGenerator<RawDocument | DocumentFailure> {
  let chunks: AsyncIterator<Buffer | Gap> = (options.onRead ? counted(input, options.onRead) : (input as AsyncIterable<Buffer>))[Symbol.asyncIterator]();
  const meter = new InflateMeter(options.maxRatio);
  try {
    let first = await chunks.next();
    if (!first.done && Buffer.isBuffer(first.value) && isGzip(first.value)) {
      chunks = inflate(first.value, chunks as AsyncIterator<Buffer>, meter);
      first = await chunks.next();
    }
    const head: Buffer | Gap = first.done ? Buffer.alloc(0) : first.value;
    if (!Buffer.isBuffer(head)) throw new DocumentError('bad-gzip', head.gap);
    const format = options.inputFormat;
    const isJsonl = format === 'jsonl' || (format === 'auto' && (ext === '.jsonl' || ext === '.ndjson' || (ext === '' && looksLikeJsonl(head))));
    const rest = prepend(head, chunks);
    if (format === 'warc' || (format === 'auto' && (ext === '.warc' || looksLikeWarc(head)))) {
      yield* warcDocuments(rest, origin, {
        maxBytes: options.maxBytes,
        onSkip: (why) => options.onSkip?.(origin.source, why),
        onRecordStart: () => meter.mark(),
      });
    } else if (isJsonl) {
      yield* jsonLines(noGaps(rest), origin, options.maxBytes);
    } else {
      yield { ...origin, bytes: await collect(noGaps(rest), options.maxBytes), format, ext };
    }
  } catch (err) {
    yield toFailure(origin, err instanceof DocumentError ? err : gzipOrRead(err));
  } finally {
    await chunks.return?.();
    input.destroy();
  }
}

async function* counted(input: AsyncIterable<Buffer>, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    onRead(chunk.length);
    yield chunk;
  }
}

function gzipOrRead(err: unknown): DocumentError {
  return new DocumentError('unreadable', `cannot read: ${(err as Error)?.message ?? String(err)}`);
}

/**
 * How far gzip data has expanded since a mark (the start of the stream, or of
 * a WARC record): a bomb is stopped as soon as it passes the ratio, before its
 * bytes are held anywhere. Below RATIO_FLOOR expanded bytes no ratio applies: a
 * small page of mostly white space may expand a few hundred times, harmlessly.
 */
class InflateMeter {
  packed = 0;
  expanded = 0;
  private packed0 = 0;
  private expanded0 = 0;

  constructor(private readonly maxRatio: number) {}

  mark(): void {
    this.packed0 = this.packed;
    this.expanded0 = this.expanded;
  }

  check(): void {
    const expanded = this.expanded - this.expanded0;
    const packed = this.packed - this.packed0;
    if (expanded > expansionAllowed(packed, this.maxRatio)) throw gzipBomb(this.maxRatio, expanded, packed);
  }
}

const RATIO_FLOOR = 8 * 1024 * 1024;

/** How many bytes `packed` bytes of gzip data may expand to. */
export function expansionAllowed(packed: number, maxRatio: number): number {
  return Math.max(RATIO_FLOOR, maxRatio * packed);
}

export function gzipBomb(maxRatio: number, expanded: number, packed: number): DocumentError {
  return new DocumentError('gzip-bomb', `gzip data expands more than --max-ratio (${maxRatio}): over ${expanded} bytes from ${packed} compressed bytes, read no further`);
}

/**
 * Gunzip as a stream, member after member. Where the data is broken (or is not
 * gzip after a member) a Gap says so and the next gzip member, if one can be
 * found, is read on: in a WARC file each record is a member, so the records
 * after a broken one still come out. Other formats end at a gap.
 */
async function* inflate(first: Buffer, source: AsyncIterator<Buffer>, meter: InflateMeter): AsyncGenerator<Buffer | Gap> {
  let consumedBefore = 0;
  for (let start: Buffer | null = first; start; ) {
    const gunzip = createGunzip();
    // What this gunzip was given and may not have used yet, with where each piece starts in its input.
    const given: Given[] = [];
    let givenBytes = 0;
    let sourceDone = false;
    const feed = async (b: Buffer | null): Promise<void> => {
      try {
        for (; ; b = null) {
          if (!b) {
            const next = await source.next();
            if (next.done) {
              sourceDone = true;
              if (!gunzip.destroyed) gunzip.end();
              return;
            }
            b = next.value;
          }
          given.push({ at: givenBytes, bytes: b });
          givenBytes += b.length;
          if (gunzip.destroyed || gunzip.writableEnded) return;
          if (!gunzip.write(b)) await drained(gunzip);
          if (gunzip.destroyed || gunzip.writableEnded) return;
        }
      } catch (err) {
        gunzip.destroy(err as Error);
      }
    };
    const feeding = feed(start);
    let why: string | null = null;
    try {
      for await (const out of gunzip as AsyncIterable<Buffer>) {
        meter.packed = consumedBefore + gunzip.bytesWritten;
        meter.expanded += out.length;
        meter.check();
        yield out;
        while (given.length > 1 && given[1]!.at <= gunzip.bytesWritten) given.shift();
      }
    } catch (err) {
      if (!((err as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw err;
      why = `broken gzip data (${(err as Error).message})`;
    } finally {
      gunzip.destroy();
    }
    await feeding;
    const used = gunzip.bytesWritten;
    consumedBefore += used;
    if (why === null && sourceDone && used >= givenBytes) return;
    yield { gap: why ?? 'data after the end of the gzip members is not gzip', trailing: why === null };
    // Past the point the broken data was read to; when none of it was used, past its first byte.
    start = await nextMember(given, used, why !== null && used === 0 ? 1 : 0, source);
  }
}

interface Given {
  at: number;
  bytes: Buffer;
}

/** Resolves when a stream can take more bytes, or never will. */
function drained(w: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    w.on('drain', done).on('close', done).on('error', done);
  });
}

const GZIP_MEMBER = Buffer.from([0x1f, 0x8b, 0x08]);

/**
 * The bytes from the next gzip member on, or null when there is none: looked for
 * in what a gunzip was given after the `used` bytes, then in the rest of the input.
 */
async function nextMember(given: Given[], used: number, skip: number, source: AsyncIterator<Buffer>): Promise<Buffer | null> {
  let rest = Buffer.concat(given.filter((g) => g.at + g.bytes.length > used).map((g) => g.bytes.subarray(Math.max(0, used - g.at))));
  let from = skip;
  for (;;) {
    const hit = rest.indexOf(GZIP_MEMBER, from);
    if (hit >= 0) return rest.subarray(hit);
    // Magic bytes cut by the end of a chunk.
    const tail = rest.subarray(Math.max(from, rest.length - GZIP_MEMBER.length + 1));
    const next = await source.next();
    if (next.done) return null;
    rest = Buffer.concat([tail, next.value]);
    from = 0;
  }
}

/** Outside WARC a gap ends the document: the bytes after it are not part of it. */
async function* noGaps(chunks: AsyncIterable<Buffer | Gap>): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    if (Buffer.isBuffer(c)) yield c;
    else if (c.trailing) return;
    else throw new DocumentError('bad-gzip', c.gap);
  }
}

async function* prepend<T extends Buffer | Gap>(head: Buffer, rest: AsyncIterator<T>): AsyncGenerator<Buffer | T> {
  if (head.length) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** A stream whose first line is a JSON object is taken for JSONL. */
function looksLikeJsonl(head: Buffer): boolean {
  const start = head.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '');
  if (!start.startsWith('{')) return false;
  const nl = start.indexOf('\n');
  if (nl < 0) return start.trimEnd().endsWith('}');
  try {
    const v = JSON.parse(start.slice(0, nl));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

async function collect(chunks: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    parts.push(c);
  }
  return Buffer.concat(parts, size);
}

export function tooLarge(maxBytes: number): DocumentError {
  return new DocumentError('too-large', `larger than --max-bytes (${maxBytes} bytes)`);
}

/**
 * One RawDocument per line, split at `\n` only (a JSON string may hold U+2028).
 * A line longer than maxBytes is skipped to its end, never held, and reported.
 */
async function* jsonLines(chunks: AsyncIterable<Buffer>, origin: Origin, maxBytes: number): AsyncGenerator<RawDocument | DocumentFailure> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  let overflow = false;
  const emit = (): RawDocument | DocumentFailure => {
    // A line is named by its place until its record names itself, so that an
    // error record and the record it stands in for carry the same id.
    const where = { ...origin, id: `${origin.id}:${line}`, line };
    const doc = overflow
      ? toFailure(where, tooLarge(maxBytes))
      : { ...where, bytes: trimCR(Buffer.concat(parts, size)), format: 'auto' as FormatOption, ext: '.json' };
    parts = [];
    size = 0;
    overflow = false;
    line++;
    return doc;
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      take(chunk.subarray(from, nl));
      yield emit();
      from = nl + 1;
    }
    take(chunk.subarray(from));
  }
  if (size > 0 || overflow) yield emit();

  function take(piece: Buffer): void {
    if (overflow || !piece.length) return;
    if (size + piece.length > maxBytes) {
      overflow = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(Buffer.from(piece));
    size += piece.length;
  }
}

function trimCR(b: Buffer): Buffer {
  return b.length && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
}
