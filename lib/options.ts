import type { BodyFormat } from './html/dom-blocks.js';
import type { DomEngine } from './html/dom.js';
import type { FormatOption } from './types.js';

/** Options as a caller may give them; every field is optional. */
export interface NormalizeOptions {
  /** What the input is; `auto` detects it from content and file extension. */
  inputFormat?: FormatOption;
  /** Add the `removed` explanations to each record. */
  explain?: boolean;
  /** Largest document accepted, in bytes, after decompression. */
  maxBytes?: number;
  /** HTML: the DOM that parses pages; `jsdom` is spec-exact and much slower (default `linkedom`). */
  dom?: DomEngine;
  /** How `body` is written: plain text, or Markdown keeping headings, lists, emphasis, quotes (default `text`). */
  bodyFormat?: BodyFormat;
}

/** Options with every default filled in: the only shape the stages see. */
export interface ResolvedOptions {
  inputFormat: FormatOption;
  explain: boolean;
  maxBytes: number;
  dom: DomEngine;
  bodyFormat: BodyFormat;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const FORMATS: readonly FormatOption[] = ['auto', 'text', 'html', 'jsonl'];

const DOM_ENGINES: readonly DomEngine[] = ['linkedom', 'jsdom'];
const BODY_FORMATS: readonly BodyFormat[] = ['text', 'markdown'];

/** The given value if it is one of the choices, the first choice if none was given. */
function oneOf<T extends string>(name: string, value: T | undefined, choices: readonly T[]): T {
  if (value === undefined) return choices[0]!;
  if (!choices.includes(value)) throw new TypeError(`${name} must be one of ${choices.join(', ')}, got ${String(value)}`);
  return value;
}

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
  return {
    inputFormat,
    explain: options.explain ?? false,
    maxBytes,
    dom: oneOf('dom', options.dom, DOM_ENGINES),
    bodyFormat: oneOf('bodyFormat', options.bodyFormat, BODY_FORMATS),
  };
}
