import type { DocumentFailure, Origin } from './types.js';

/**
 * A document that cannot be processed for a reason that lies in the document
 * (or in how it was given), not in our code. The pipeline turns it into a
 * DocumentFailure; the CLI prints its message on one line.
 */
export class DocumentError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

export type ErrorCode =
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'gzip-bomb'
  | 'line-too-long'
  | 'too-many-comments'
  | 'too-deep'
  | 'too-many-nodes'
  | 'bad-gzip'
  | 'bad-json'
  | 'bad-warc'
  | 'no-content-field'
  | 'unreadable'
  | 'timeout'
  | 'out-of-memory'
  | 'worker-died'
  | 'internal';

/**
 * Every error becomes a failure that names its document. An error that is not a
 * DocumentError is our bug, not the document's: it is still reported per document
 * so that one bad page never costs the run, but it says so.
 */
export function toFailure(origin: Origin, err: unknown): DocumentFailure {
  const base: DocumentFailure = {
    id: origin.id,
    source: origin.source,
    error:
      err instanceof DocumentError
        ? { code: err.code, message: err.message }
        : { code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` },
  };
  if (origin.line !== undefined) base.line = origin.line;
  return base;
}

/** `page.txt: line 3: not valid JSON` — one line, naming the document. */
export function describeFailure(f: DocumentFailure): string {
  const where = f.line !== undefined ? `${f.source}: line ${f.line}` : f.source === '-' ? 'stdin' : f.source;
  return `${where}: ${f.error.message}`;
}
