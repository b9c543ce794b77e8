import { toFailure } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { runChain } from './pipeline.js';
import type { Outcome } from './process.js';
import { serializeRecord } from './serialize.js';
import type { RawDocument } from './types.js';

const utf8 = new TextEncoder();

/**
 * One document through every stage, to its output line; never throws, a
 * failure names its document. What each worker of the pool runs, and what a
 * run on one thread runs in place.
 */
export function processDocument(doc: RawDocument, options: ResolvedOptions): Outcome {
  try {
    const record = runChain(doc, options);
    return { line: utf8.encode(serializeRecord(record)), inputChars: record.stats.input_chars };
  } catch (err) {
    return toFailure(doc, err);
  }
}
