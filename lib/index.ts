// The library's public face. The CLI in bin/ is one user of it among others.
export { normalizeDocument, normalizeStream, type DocumentInput } from './pipeline.js';
export { readDocuments, idFromPath, type ReadOptions } from './read.js';
export { serializeRecord, serializeFailure } from './serialize.js';
export { DocumentError, describeFailure } from './errors.js';
export { resolveOptions, DEFAULT_MAX_BYTES, type NormalizeOptions, type ResolvedOptions } from './options.js';
export { isFailure } from './types.js';
export type * from './types.js';
export { normalizePaths, type RunOptions, type RunSummary } from './run.js';
