import { availableParallelism } from 'node:os';
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
  /** Most gzip data may expand: expanded bytes per compressed byte (default 100; web pages expand 3 to 9 times). */
  maxRatio?: number;
  /** Longest line, in characters, the text rules are given, in text and HTML alike (default 1 MiB). */
  maxLineChars?: number;
  /** Most comments one document may have (default 10,000). */
  maxComments?: number;
  /** HTML: most levels of nested elements a page may have (default 1,000). */
  maxDepth?: number;
  /** HTML: most elements a page may have (default 200,000). */
  maxNodes?: number;
  /** JSONL: the field holding the document as plain text (default: `text`, `content`, `body`). */
  textField?: string;
  /** JSONL: the field holding the document as HTML (default: `html`, `raw_html`). */
  htmlField?: string;
  /** JSONL: the field holding the page's URL (default `url`). */
  urlField?: string;
  /** JSONL: the field holding the record's id (default `id`). */
  idField?: string;
  /** JSONL: carry the fields not consumed to the record's `meta` (default true). */
  carry?: boolean;
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
  maxRatio: number;
  maxLineChars: number;
  maxComments: number;
  maxDepth: number;
  maxNodes: number;
  /** JSONL fields looked at for the document, in order of preference. */
  htmlFields: string[];
  textFields: string[];
  urlField: string;
  idField: string;
  carry: boolean;
  dom: DomEngine;
  bodyFormat: BodyFormat;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
// The bench's 181 gzipped pages expand 2.6 to 8.3 times (median 4.5); deflate
// cannot pass about 1,030, which is what a bomb of one repeated byte reaches.
export const DEFAULT_MAX_RATIO = 100;
export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024;
export const DEFAULT_MAX_COMMENTS = 10_000;
// The bench's 181 pages nest at most 51 levels and hold at most 1,400 elements
// once scripts and chrome are cut; long real pages (big threads, reference
// articles) reach tens of thousands. Past these limits a page is hostile or
// broken, and would take seconds to minutes to build as a DOM.
export const DEFAULT_MAX_DEPTH = 1_000;
export const DEFAULT_MAX_NODES = 200_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
// See ScaleOptions.maxMemoryMb.
export const DEFAULT_MAX_MEMORY_MB = 4096;
const MAX_TIMER_MS = 2 ** 31 - 1;
const FORMATS: readonly FormatOption[] = ['auto', 'text', 'html', 'jsonl', 'warc'];

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
  const positive = (name: keyof NormalizeOptions, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer, got ${String(value)}`);
    return value;
  };
  const field = (name: keyof NormalizeOptions, value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value) throw new TypeError(`${name} must be a non-empty field name, got ${String(value)}`);
    return [value];
  };
  return {
    inputFormat,
    explain: options.explain ?? false,
    maxBytes: positive('maxBytes', DEFAULT_MAX_BYTES),
    maxRatio: positive('maxRatio', DEFAULT_MAX_RATIO),
    maxLineChars: positive('maxLineChars', DEFAULT_MAX_LINE_CHARS),
    maxComments: positive('maxComments', DEFAULT_MAX_COMMENTS),
    maxDepth: positive('maxDepth', DEFAULT_MAX_DEPTH),
    maxNodes: positive('maxNodes', DEFAULT_MAX_NODES),
    htmlFields: field('htmlField', options.htmlField) ?? (options.textField === undefined ? ['html', 'raw_html'] : []),
    textFields: field('textField', options.textField) ?? (options.htmlField === undefined ? ['text', 'content', 'body'] : []),
    urlField: field('urlField', options.urlField)?.[0] ?? 'url',
    idField: field('idField', options.idField)?.[0] ?? 'id',
    carry: options.carry ?? true,
    dom: oneOf('dom', options.dom, DOM_ENGINES),
    bodyFormat: oneOf('bodyFormat', options.bodyFormat, BODY_FORMATS),
  };
}

/** How a whole run is spread over cores and written out, beyond what each document needs. */
export interface ScaleOptions {
  /** Worker threads the documents run in (default: the number of cores); this thread only reads and writes. */
  jobs?: number;
  /**
   * Milliseconds one document may take before it is abandoned and reported as a
   * `timeout` failure; 0: no limit (default 10,000: the slowest benchmark page
   * takes under one second). A property of how a run is driven, not of a
   * document: the run stops the worker thread the document is in. The
   * synchronous `normalizeDocument` cannot be interrupted and has no timeout.
   */
  timeoutMs?: number;
  /**
   * Heap each worker thread may use, in MiB (V8's old generation); a document
   * that needs more becomes an `out-of-memory` failure and its worker is
   * replaced; 0: no limit. The default, 4,096, is several times what the
   * largest document --max-bytes lets in (64 MiB of text or HTML) needs, so it
   * only stops a document that is hostile or that we handle badly.
   */
  maxMemoryMb?: number;
  /** `stderr`: failures are only reported; `inline`: each also becomes an error record in the output. */
  errors?: 'stderr' | 'inline';
  /** Write one JSONL file per input file below this directory instead of one output stream. */
  outDir?: string;
  /** With outDir: split each input's output into files of this many documents. */
  shardSize?: number;
  /** With outDir: skip the work whose output is already complete. */
  resume?: boolean;
}

export interface ResolvedScaleOptions {
  jobs: number;
  timeoutMs: number;
  maxMemoryMb: number;
  errors: 'stderr' | 'inline';
  outDir: string | null;
  shardSize: number | null;
  resume: boolean;
}

export function resolveScaleOptions(options: ScaleOptions = {}): ResolvedScaleOptions {
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new TypeError(`jobs must be a whole number of at least 1, got ${String(jobs)}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Node's timers hold at most 2^31-1 ms (24.8 days); a longer one would fire at once.
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMER_MS) {
    throw new TypeError(`timeoutMs must be a whole number from 0 to ${MAX_TIMER_MS}, got ${String(timeoutMs)}`);
  }
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  if (!Number.isSafeInteger(maxMemoryMb) || maxMemoryMb < 0) throw new TypeError(`maxMemoryMb must be a whole number of at least 0, got ${String(maxMemoryMb)}`);
  const errors = options.errors ?? 'stderr';
  if (errors !== 'stderr' && errors !== 'inline') throw new TypeError(`errors must be stderr or inline, got ${String(errors)}`);
  const shardSize = options.shardSize ?? null;
  if (shardSize !== null && (!Number.isSafeInteger(shardSize) || shardSize < 1)) {
    throw new TypeError(`shardSize must be a whole number of at least 1, got ${String(shardSize)}`);
  }
  const outDir = options.outDir ?? null;
  if ((shardSize !== null || options.resume) && outDir === null) throw new TypeError('shardSize and resume need outDir');
  return { jobs, timeoutMs, maxMemoryMb, errors, outDir, shardSize, resume: options.resume ?? false };
}
