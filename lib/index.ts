// The library's public face. The CLI in bin/ is one user of it among others.
export { normalizeDocument, normalizeStream, type DocumentInput } from './pipeline.js';
export { readDocuments, idFromPath, type ReadOptions } from './read.js';
export { serializeRecord, serializeFailure } from './serialize.js';
export { DocumentError, describeFailure } from './errors.js';
export {
  resolveOptions,
  resolveScaleOptions,
  DEFAULT_MAX_BYTES,
  type NormalizeOptions,
  type ResolvedOptions,
  type ScaleOptions,
  type ResolvedScaleOptions,
} from './options.js';
export { isFailure } from './types.js';
export type * from './types.js';
export { normalizePaths, type RunOptions, type RunSummary, type Progress } from './run.js';
export { normalizeToDir, outputPath, shardPath } from './batch.js';
export { processStream, type Outcome, type Written } from './process.js';
export { processDocument } from './process-document.js';
export { warcDocuments } from './warc.js';
export { describeProgress, describeSummary, hadoopCounters, progressLine } from './progress.js';
