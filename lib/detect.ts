import { DocumentError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Carried, DecodedDocument, DetectedDocument, DocumentFormat, Metadata, Origin } from './types.js';

/** The detect stage: settles whether a document is text or HTML, and unwraps JSONL records. */
export function detect(doc: DecodedDocument, options: FieldOptions): DetectedDocument {
  if (doc.line !== undefined) return unwrapRecord(doc, { id: doc.id, source: doc.source, line: doc.line }, options);
  const format: DocumentFormat =
    doc.format === 'text' || doc.format === 'html' ? doc.format
    : HTML_EXTENSIONS.has(doc.ext) ? 'html'
    : TEXT_EXTENSIONS.has(doc.ext) ? 'text'
    : looksLikeHtml(doc.text) ? 'html' : 'text';
  // Written out, not spread from an origin with an optional line: that spread made each document's object by the slow, generic copy.
  return { id: doc.id, source: doc.source, format, text: doc.text, inputBytes: doc.inputBytes, meta: doc.url ? { url: doc.url } : {} };
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.php', '.asp', '.aspx', '.jsp']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);

/** HTML announces itself near the top: a doctype, or html/head/body/meta tags. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:\ufeff)?(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/.test(head)) return true;
  return /<(?:html|head|body|meta|title|div|p)[\s>]/.test(head) && /<\/(?:html|head|body|title|div|p)>/.test(text.slice(0, 65536).toLowerCase());
}

type FieldOptions = Pick<ResolvedOptions, 'htmlFields' | 'textFields' | 'urlField' | 'idField' | 'carry'>;

/**
 * A JSONL line: one JSON object with the document in a text or html field. The
 * fields the chain does not consume are carried to the record as given; they are
 * copied onto a prototype-less object, so that a key like `__proto__` stays data.
 */
function unwrapRecord(doc: DecodedDocument, origin: Origin, options: FieldOptions): DetectedDocument {
  let value: unknown;
  try {
    value = JSON.parse(doc.text);
  } catch (err) {
    throw new DocumentError('bad-json', `not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DocumentError('bad-json', `a JSONL line must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const rec = value as Record<string, unknown>;
  const field = (names: string[]) => names.find((n) => Object.hasOwn(rec, n) && typeof rec[n] === 'string' && /\S/.test(rec[n] as string));
  const htmlField = field(options.htmlFields);
  const textField = htmlField ? undefined : field(options.textFields);
  const name = htmlField ?? textField;
  if (!name) {
    throw new DocumentError('no-content-field', `no non-empty text or html field (looked for ${[...options.htmlFields, ...options.textFields].join(', ')})`);
  }
  const text = rec[name] as string;
  const format: DocumentFormat = doc.format === 'text' || doc.format === 'html' ? doc.format : htmlField || looksLikeHtml(text) ? 'html' : 'text';
  const ownId = Object.hasOwn(rec, options.idField) ? rec[options.idField] : undefined;
  const url = Object.hasOwn(rec, options.urlField) ? rec[options.urlField] : undefined;
  const meta: Partial<Metadata> = {};
  if (typeof url === 'string' && url) meta.url = url;
  if (typeof rec.title === 'string' && rec.title) meta.title = rec.title;
  const consumed = new Set([name, options.idField, options.urlField, ...(meta.title ? ['title'] : [])]);
  const detected: DetectedDocument = {
    ...origin,
    id: typeof ownId === 'string' || typeof ownId === 'number' ? String(ownId) : doc.id,
    format,
    text,
    inputBytes: doc.inputBytes,
    meta,
  };
  if (options.carry) {
    const carried: Carried = Object.create(null);
    let any = false;
    for (const key of Object.keys(rec)) {
      if (consumed.has(key)) continue;
      carried[key] = rec[key];
      any = true;
    }
    if (any) detected.carried = carried;
  }
  return detected;
}
