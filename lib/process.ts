import type { Duplex } from 'node:stream';
import type { ResolvedOptions } from './options.js';
import { type PoolOptions, poolStream } from './pool.js';
import type { DocumentFailure, RawDocument } from './types.js';

/**
 * The chain as a corpus run drives it: documents in, output lines out. Records
 * leave as their JSONL line in UTF-8, made where the record was made (in a
 * worker) and handed over without a copy, so that the writing thread neither
 * copies nor encodes them.
 */

/** One record, ready to write. */
export interface Written {
  /** The JSONL line, newline included, as UTF-8 in a buffer of its own (it can be transferred). */
  line: Uint8Array;
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
 * Jobs in, outcomes out, in input order, on a pool of worker threads, even for
 * one job: a document past its time can only be abandoned by stopping the thread
 * it runs in, and this thread never loads the stages at all (their DOM
 * libraries take seconds to load), so it is free to read and write.
 */
export function processStream<T>(options: ResolvedOptions, pool: PoolOptions): Duplex {
  return poolStream<T>(options, pool);
}
