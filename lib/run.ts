import { stat } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type NormalizeOptions, type ResolvedOptions, type ResolvedScaleOptions, type ScaleOptions, resolveOptions, resolveScaleOptions } from './options.js';
import type { PoolOptions } from './pool.js';
import { type Outcome, processStream } from './process.js';
import { type ReadOptions, inputFiles, readDocuments } from './read.js';
import { serializeFailure } from './serialize.js';
import { type DocumentFailure, isFailure } from './types.js';

export interface RunOptions extends NormalizeOptions, ScaleOptions {
  /** Only files with these extensions when walking directories. */
  extensions?: string[];
  /** What `-` (or no path) reads. */
  stdin?: Readable;
  /** Told of each document that failed, in order. */
  onFailure?: (failure: DocumentFailure) => void;
  /** Told how far the run is after each document; asking for it also sizes the input first. */
  onProgress?: (progress: Progress) => void;
  /** Whether to end `output` when done (false for a process's stdout). */
  endOutput?: boolean;
  /**
   * Stops the run: no more input is read, workers are stopped, the documents
   * finished before it are written in order (a batch's unfinished output file
   * is removed), then the run rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface Progress {
  documents: number;
  failures: number;
  /** Input bytes read so far, as stored (before gunzip). */
  bytes: number;
  /** All input bytes, when every input is a file of known size. */
  totalBytes: number | null;
  seconds: number;
}

export interface RunSummary {
  documents: number;
  failures: number;
  /** Characters of input text seen, over all documents that decoded. */
  inputChars: number;
  /** Input bytes read, as stored (before gunzip). */
  bytes: number;
  /** WARC records passed over because they are not HTML responses. */
  skipped: number;
  /** Inputs whose output was already complete (`resume`). */
  resumed: number;
  seconds: number;
}

/**
 * What a run counts, and the one place that turns an outcome into what is
 * written: a record's line, or for a failure, an error record when failures
 * go inline (one line out per line in), else nothing.
 */
export class Tally {
  readonly summary: RunSummary = { documents: 0, failures: 0, inputChars: 0, bytes: 0, skipped: 0, resumed: 0, seconds: 0 };
  totalBytes: number | null = null;
  private readonly start = process.hrtime.bigint();

  constructor(
    private readonly options: RunOptions,
    private readonly inline: boolean,
  ) {}

  take(out: Outcome): string | Uint8Array | undefined {
    const s = this.summary;
    s.documents++;
    let line: string | Uint8Array | undefined;
    if (isFailure(out)) {
      s.failures++;
      this.options.onFailure?.(out);
      if (this.inline) line = serializeFailure(out);
    } else {
      s.inputChars += out.inputChars;
      line = out.line;
    }
    this.options.onProgress?.({ documents: s.documents, failures: s.failures, bytes: s.bytes, totalBytes: this.totalBytes, seconds: this.seconds() });
    return line;
  }

  readOptions(resolved: ResolvedOptions): ReadOptions {
    const { extensions, stdin } = this.options;
    return {
      ...resolved,
      ...(extensions && { extensions }),
      ...(stdin && { stdin }),
      onRead: (n) => {
        this.summary.bytes += n;
      },
      onSkip: () => {
        this.summary.skipped++;
      },
    };
  }

  /** The size of every input, when progress is wanted and all inputs are files. */
  async measure(paths: string[], read: ReadOptions): Promise<void> {
    if (!this.options.onProgress) return;
    let total = 0;
    for await (const input of inputFiles(paths, read)) {
      if ('error' in input) continue;
      if (input.path === '-') return;
      total += (await stat(input.path)).size;
    }
    this.totalBytes = total;
  }

  finish(): RunSummary {
    this.summary.seconds = this.seconds();
    return this.summary;
  }

  private seconds(): number {
    return Number(process.hrtime.bigint() - this.start) / 1e9;
  }
}

/**
 * The whole job behind the CLI: paths in, JSONL out, in input order, on as many
 * threads as `jobs` says. Resolves with counts when the output has taken every
 * line; rejects only when the output itself fails.
 */
export async function normalizePaths(paths: string[], output: Writable, options: RunOptions = {}): Promise<RunSummary> {
  const resolved = resolveOptions(options);
  const scale = resolveScaleOptions(options);
  const tally = new Tally(options, scale.errors === 'inline');
  const read = tally.readOptions(resolved);
  await tally.measure(paths, read);
  const source = Readable.from(untilAborted(readDocuments(paths, read), options.signal), { objectMode: true, highWaterMark: 1 });
  const serialize = new Transform({
    writableObjectMode: true,
    writableHighWaterMark: 1,
    transform(out: Outcome, _enc, done) {
      done(null, tally.take(out));
    },
  });
  await pipeline(source, processStream(resolved, poolOptions(scale, options)), serialize, output, { end: options.endOutput ?? true });
  options.signal?.throwIfAborted();
  return tally.finish();
}

export function poolOptions(scale: ResolvedScaleOptions, options: RunOptions): PoolOptions {
  return { jobs: scale.jobs, timeoutMs: scale.timeoutMs, maxMemoryMb: scale.maxMemoryMb, ...(options.signal && { signal: options.signal }) };
}

/**
 * The items, until the signal aborts: then the iteration ends at once, even
 * while an item is awaited (stdin may never send another byte), so that
 * everything downstream can finish in order.
 */
export async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) return yield* items;
  const it = items[Symbol.asyncIterator]();
  try {
    while (!signal.aborted) {
      const item = await nextOrAbort(it, signal);
      if (item.done) return;
      yield item.value;
    }
  } finally {
    it.return?.().catch(() => {});
  }
}

/**
 * The iterator's next item, or the end if the signal aborts first. Not a race
 * against one promise of the abort: a promise that never settles keeps every
 * race run against it, and with it every item (a leak of the whole input).
 */
function nextOrAbort<T>(it: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  return new Promise((resolve, reject) => {
    const stop = () => resolve({ done: true, value: undefined });
    signal.addEventListener('abort', stop, { once: true });
    it.next().then(
      (item) => {
        signal.removeEventListener('abort', stop);
        resolve(item);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        // After an abort the failure has nowhere to go: the promise is settled already.
        reject(err);
      },
    );
  });
}
