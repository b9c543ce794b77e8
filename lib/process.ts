import { type Duplex, Transform } from 'node:stream';
import type { ResolvedOptions } from './options.js';
import { poolStream } from './pool.js';
import { type DocumentFailure, type RawDocument, isFailure } from './types.js';

/**
 * The chain as a corpus run drives it: documents in, output lines out. Records
 * leave as their JSONL line, made where the record was made (in a worker, when
 * there are workers), so that only strings cross back to the writing thread.
 */

/** One record, ready to write. */
export interface Written {
  line: string;
  inputChars: number;
}

export type Outcome = Written | DocumentFailure;

/**
 * Something that is not a document and passes through in its place in the
 * order (where one input file ends and the next begins, for batch output).
 */
export interface Marker<T> {
  marker: T;
}

export type Job<T> = RawDocument | DocumentFailure | Marker<T>;
export type Done<T> = Outcome | Marker<T>;

export function isMarker<T>(item: unknown): item is Marker<T> {
  return typeof item === 'object' && item !== null && 'marker' in item;
}

/**
 * Jobs in, outcomes out, in input order. With one job the chain runs in this
 * thread; with more, in a pool of worker threads, and this thread never loads
 * the stages at all (their DOM libraries take seconds to load), so it is free
 * to read and write.
 */
export async function processStream<T>(options: ResolvedOptions, jobs: number): Promise<Duplex> {
  if (jobs > 1) return poolStream(options, jobs);
  const { processDocument } = await import('./process-document.js');
  return new Transform({
    objectMode: true,
    highWaterMark: 1,
    transform(job: Job<T>, _enc, done) {
      done(null, isFailure(job) || isMarker(job) ? job : processDocument(job, options));
    },
  });
}
