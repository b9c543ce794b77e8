import { Duplex, Transform, type TransformCallback, pipeline } from 'node:stream';
import { classify } from './classify.js';
import { decode } from './decode.js';
import { detect } from './detect.js';
import { toFailure } from './errors.js';
import { extract } from './extract.js';
import { limitComments } from './limit-comments.js';
import { normalize } from './normalize.js';
import { type NormalizeOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { segment } from './segment.js';
import { type DocumentFailure, type DocumentRecord, type FormatOption, type RawDocument, isFailure } from './types.js';

/** What a library caller may hand in: text or bytes, with as much origin as it knows. */
export interface DocumentInput {
  id?: string;
  source?: string;
  text?: string;
  bytes?: Uint8Array;
  format?: FormatOption;
  /** A file name extension hint such as `.html`. */
  ext?: string;
}

/** A stage is a pure function from one document shape to the next. */
type Stage = (doc: any, options: ResolvedOptions) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The chain, in order; the stream and the sync API both run exactly these. */
export const STAGES: readonly Stage[] = [decode, detect, segment, classify, extract, limitComments, normalize];

/**
 * Runs one stage. What a container carried (JSONL fields the chain does not use)
 * rides past the stages that build new objects, so no stage has to know of it.
 */
export function runStage(run: Stage, doc: any, options: ResolvedOptions): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const next = run(doc, options);
  if (doc.carried !== undefined && next.carried === undefined) next.carried = doc.carried;
  return next;
}

/** Fills in what a caller left out; what the read stage made passes as it is. */
export function toRawDocument(input: DocumentInput, options: ResolvedOptions): RawDocument {
  if (Buffer.isBuffer(input.bytes) && input.id !== undefined && input.source !== undefined && input.format && input.ext !== undefined) {
    return input as RawDocument;
  }
  // A view of the caller's bytes, not a copy: no stage writes to a document's bytes.
  const bytes = input.bytes ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) : Buffer.from(input.text ?? '', 'utf8');
  return {
    id: input.id ?? 'document',
    source: input.source ?? input.id ?? 'document',
    bytes,
    format: input.format ?? options.inputFormat,
    ext: input.ext ?? '',
  };
}

/**
 * The sync API: one document in, one record out. A document that cannot be
 * processed throws a DocumentError saying why.
 */
export function normalizeDocument(input: DocumentInput | string, options?: NormalizeOptions): DocumentRecord {
  const resolved = resolveOptions(options);
  return runChain(toRawDocument(typeof input === 'string' ? { text: input } : input, resolved), resolved);
}

/** Every stage on one document, in this thread; a worker of the pool runs exactly this. */
export function runChain(raw: RawDocument, options: ResolvedOptions): DocumentRecord {
  let doc: unknown = raw;
  for (const run of STAGES) doc = runStage(run, doc, options);
  return doc as DocumentRecord;
}

/**
 * One object-mode Transform for one stage. A document that throws leaves as a
 * DocumentFailure naming it, and failures pass the later stages untouched, so
 * every input still has exactly one output, in order.
 */
export function stageStream(run: Stage, options: ResolvedOptions): Transform {
  return new Transform({
    objectMode: true,
    highWaterMark: 1,
    transform(doc: unknown, _enc: BufferEncoding, done: TransformCallback) {
      if (isFailure(doc)) return done(null, doc);
      try {
        done(null, runStage(run, doc, options));
      } catch (err) {
        done(null, toFailure(doc as RawDocument, err));
      }
    },
  });
}

/**
 * The stream API: RawDocuments (or DocumentInputs) in, DocumentRecords and
 * DocumentFailures out, in input order, with backpressure through every stage.
 */
export function normalizeStream(options?: NormalizeOptions): Duplex {
  const resolved = resolveOptions(options);
  const entry = new Transform({
    objectMode: true,
    highWaterMark: 1,
    transform(input: DocumentInput | DocumentFailure, _enc, done) {
      done(null, isFailure(input) ? input : toRawDocument(input, resolved));
    },
  });
  const stages = STAGES.map((run) => stageStream(run, resolved));
  const exit = stages[stages.length - 1]!;
  const duplex = Duplex.from({ writable: entry, readable: exit });
  pipeline([entry, ...stages], (err) => {
    if (err) duplex.destroy(err);
  });
  return duplex;
}

export type { DocumentFailure, DocumentRecord };
