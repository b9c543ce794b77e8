import type { FormatOption } from './types.js';

/** Options as a caller may give them; every field is optional. */
export interface NormalizeOptions {
  /** What the input is; `auto` detects it from content and file extension. */
  inputFormat?: FormatOption;
  /** Add the `removed` explanations to each record. */
  explain?: boolean;
  /** Largest document accepted, in bytes, after decompression. */
  maxBytes?: number;
}

/** Options with every default filled in: the only shape the stages see. */
export interface ResolvedOptions {
  inputFormat: FormatOption;
  explain: boolean;
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const FORMATS: readonly FormatOption[] = ['auto', 'text', 'html', 'jsonl'];

/** Defaults and validation live here and nowhere else. */
export function resolveOptions(options: NormalizeOptions = {}): ResolvedOptions {
  const inputFormat = options.inputFormat ?? 'auto';
  if (!FORMATS.includes(inputFormat)) {
    throw new TypeError(`inputFormat must be one of ${FORMATS.join(', ')}, got ${String(inputFormat)}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new TypeError(`maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  return { inputFormat, explain: options.explain ?? false, maxBytes };
}
