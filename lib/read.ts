import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { DocumentError, toFailure } from './errors.js';
import { type Gap, InflateMeter, inflate, isGzip } from './gunzip.js';
import type { ResolvedOptions } from './options.js';
import type { DocumentFailure, FormatOption, Origin, RawDocument } from './types.js';
import { looksLikeWarc, warcDocuments } from './warc.js';

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

// A file up to this size is read in one piece: on a page of a few dozen kB a
// read stream's machinery costs more than the reading, and this one thread
// reads for every worker. Larger files are streamed, so that memory stays
// bounded whatever their size.
const READ_WHOLE_BYTES = 1024 * 1024;

/** Opens only once the file is known readable, so that a failure names the file. */
async function openFile(file: string): Promise<Readable> {
  const handle = await open(file);
  let streamed = false;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > READ_WHOLE_BYTES) {
      streamed = true;
      return handle.createReadStream();
    }
    const bytes = await handle.readFile();
    return Readable.from(bytes.length ? [bytes] : []);
  } finally {
    if (!streamed) await handle.close();
  }
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
    const heads: (Buffer | Gap)[] = first.done ? [] : [first.value];
    // Gzip broken from its start leaves no bytes to look at: the next member's
    // tell whether it is a WARC, whose records after the broken one still count.
    if (heads[0] && !Buffer.isBuffer(heads[0])) {
      const after = await chunks.next();
      if (!after.done) heads.push(after.value);
    }
    const bytes = heads.find((h): h is Buffer => Buffer.isBuffer(h)) ?? Buffer.alloc(0);
    const format = options.inputFormat;
    const isJsonl = format === 'jsonl' || (format === 'auto' && (ext === '.jsonl' || ext === '.ndjson' || (ext === '' && looksLikeJsonl(bytes))));
    const rest = prepend(heads, chunks);
    if (format === 'warc' || (format === 'auto' && (ext === '.warc' || looksLikeWarc(bytes)))) {
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
    yield toFailure(origin, err instanceof DocumentError ? err : cannotRead(err));
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

function cannotRead(err: unknown): DocumentError {
  return new DocumentError('unreadable', `cannot read: ${(err as Error)?.message ?? String(err)}`);
}

/** Outside WARC a gap ends the document: the bytes after it are not part of it. */
async function* noGaps(chunks: AsyncIterable<Buffer | Gap>): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    if (Buffer.isBuffer(c)) yield c;
    else if (c.trailing) return;
    else throw c.why;
  }
}

async function* prepend<T extends Buffer | Gap>(heads: T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* heads;
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
  // A document read in one piece is handed on as it is, not copied.
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
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
