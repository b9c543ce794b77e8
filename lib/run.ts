import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type NormalizeOptions, resolveOptions } from './options.js';
import { normalizeStream } from './pipeline.js';
import { readDocuments } from './read.js';
import { serializeRecord } from './serialize.js';
import { type DocumentFailure, type DocumentRecord, isFailure } from './types.js';

export interface RunOptions extends NormalizeOptions {
  /** Only files with these extensions when walking directories. */
  extensions?: string[];
  /** What `-` (or no path) reads. */
  stdin?: Readable;
  /** Told of each document that failed, in order. */
  onFailure?: (failure: DocumentFailure) => void;
  /** Whether to end `output` when done (false for a process's stdout). */
  endOutput?: boolean;
}

export interface RunSummary {
  documents: number;
  failures: number;
  /** Characters of input text seen, over all documents that decoded. */
  inputChars: number;
}

/**
 * The whole job behind the CLI: paths in, JSONL out. Resolves with counts when
 * the output has taken every line; rejects only when the output itself fails.
 */
export async function normalizePaths(paths: string[], output: Writable, options: RunOptions = {}): Promise<RunSummary> {
  const resolved = resolveOptions(options);
  const summary: RunSummary = { documents: 0, failures: 0, inputChars: 0 };
  const source = Readable.from(
    readDocuments(paths, { ...resolved, ...(options.extensions && { extensions: options.extensions }), ...(options.stdin && { stdin: options.stdin }) }),
    { objectMode: true, highWaterMark: 1 },
  );
  const serialize = new Transform({
    writableObjectMode: true,
    writableHighWaterMark: 1,
    transform(item: DocumentRecord | DocumentFailure, _enc, done) {
      summary.documents++;
      if (isFailure(item)) {
        summary.failures++;
        options.onFailure?.(item);
        return done();
      }
      summary.inputChars += item.stats.input_chars;
      done(null, serializeRecord(item));
    },
  });
  await pipeline(source, normalizeStream(options), serialize, output, { end: options.endOutput ?? true });
  return summary;
}
