import type { Carried, DocumentFailure, DocumentRecord } from './types.js';

/**
 * The serialize stage: one JSON object per line. Keys are written in the
 * documented order whatever order the record was built in, and `removed`
 * stands before `stats` only when it was asked for; `meta`, the input record's
 * own fields, comes last so that every key we define keeps its place.
 */
export function serializeRecord(r: DocumentRecord): string {
  const ordered = {
    id: r.id,
    source: r.source,
    format: r.format,
    url: r.url,
    title: r.title,
    authors: r.authors,
    published: r.published,
    site_name: r.site_name,
    lang: r.lang,
    description: r.description,
    body: r.body,
    comments: r.comments.map((c) => ({
      author: c.author,
      posted: c.posted,
      text: c.text,
      quotes: c.quotes.map((q) => ({ author: q.author, posted: q.posted, text: q.text })),
    })),
    ...(r.removed && { removed: r.removed }),
    stats: r.stats,
  };
  const line = JSON.stringify(ordered);
  return r.meta ? `${line.slice(0, -1)},"meta":${stringifyCarried(r.meta)}}\n` : `${line}\n`;
}

/**
 * The input record's own fields, as JSON. They may be nested deeper than
 * JSON.stringify can recurse (JSON.parse reads them fine); such a value is
 * written by a loop with a stack of its own instead.
 */
function stringifyCarried(meta: Carried): string {
  try {
    return JSON.stringify(meta);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return stringifyDeep(meta);
  }
}

type Piece = { text: string } | { value: unknown };

function stringifyDeep(root: unknown): string {
  const out: string[] = [];
  const stack: Piece[] = [{ value: root }];
  while (stack.length) {
    const piece = stack.pop()!;
    if ('text' in piece) {
      out.push(piece.text);
      continue;
    }
    const v = piece.value;
    if (typeof v !== 'object' || v === null) {
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    // Pushed in reverse, so that they come off the stack in order.
    const isArray = Array.isArray(v);
    const entries: [string, unknown][] = isArray ? v.map((x): [string, unknown] => ['', x]) : Object.entries(v).filter(([, x]) => x !== undefined);
    stack.push({ text: isArray ? ']' : '}' });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i]!;
      stack.push({ value });
      if (!isArray) stack.push({ text: `${JSON.stringify(key)}:` });
      if (i > 0) stack.push({ text: ',' });
    }
    stack.push({ text: isArray ? '[' : '{' });
  }
  return out.join('');
}

/** An error record, for pipelines that need one output line per input line. */
export function serializeFailure(f: DocumentFailure): string {
  return JSON.stringify({ id: f.id, source: f.source, ...(f.line !== undefined && { line: f.line }), error: f.error }) + '\n';
}
