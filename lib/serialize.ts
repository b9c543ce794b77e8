import type { DocumentFailure, DocumentRecord } from './types.js';

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
    ...(r.meta && { meta: r.meta }),
  };
  return JSON.stringify(ordered) + '\n';
}

/** An error record, for pipelines that need one output line per input line. */
export function serializeFailure(f: DocumentFailure): string {
  return JSON.stringify({ id: f.id, source: f.source, ...(f.line !== undefined && { line: f.line }), error: f.error }) + '\n';
}
