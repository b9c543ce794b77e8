import { detectLanguage } from './language.js';
import type { ResolvedOptions } from './options.js';
import { normalizeText } from './text.js';
import type { Comment, DocumentRecord, ExtractedDocument, Quote, Removal } from './types.js';

/** The normalize stage: every kept string cleaned the same way, then counted. */
export function normalize(doc: ExtractedDocument, options: Pick<ResolvedOptions, 'explain'>): DocumentRecord {
  const line = (s: string | null) => (s === null ? null : normalizeText(s).replace(/\n+/g, ' ') || null);
  const quote = (q: Quote): Quote => ({ author: line(q.author), posted: q.posted, text: normalizeText(q.text) });
  const comments: Comment[] = doc.comments
    .map((c) => ({ ...quote(c), quotes: c.quotes.map(quote) }))
    .filter((c) => c.text || c.quotes.length);
  // What segment knew to be final is not read again.
  const body = doc.bodyFinal ? doc.body : normalizeText(doc.body);
  // Each removed text is cleaned to be counted; only --explain keeps a record of it.
  const removed: Removal[] = [];
  let removedChars = 0;
  for (const r of doc.removed) {
    // Known to be a string, its length is read inline rather than looked up for each of its many representations.
    const text = String(r.final ? r.text : normalizeText(r.text));
    removedChars += text.length;
    if (options.explain) removed.push({ kind: r.kind, text });
  }
  const record: DocumentRecord = {
    id: doc.id,
    source: doc.source,
    format: doc.format,
    url: line(doc.url),
    title: line(doc.title),
    authors: dedupe(doc.authors.map(line).filter((a): a is string => !!a)),
    published: doc.published,
    site_name: line(doc.site_name),
    lang: doc.lang ?? detectLanguage(body),
    description: line(doc.description),
    body,
    comments,
    stats: {
      input_chars: doc.inputChars,
      body_chars: body.length,
      comments: comments.length,
      removed_chars: removedChars,
    },
  };
  if (options.explain) record.removed = removed;
  if (doc.carried) record.meta = doc.carried;
  return record;
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
