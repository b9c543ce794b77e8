import type { ClassifiedDocument, ExtractedDocument } from './types.js';

/** The extract stage: labelled blocks in, the record's fields out. */
export function extract(doc: ClassifiedDocument): ExtractedDocument {
  const text = (role: string) => doc.blocks.filter((b) => b.role === role).map((b) => b.text);
  return {
    id: doc.id,
    source: doc.source,
    format: doc.format,
    url: doc.meta.url ?? null,
    title: doc.meta.title ?? text('title')[0] ?? null,
    authors: doc.meta.authors ?? [],
    published: doc.meta.published ?? null,
    site_name: doc.meta.site_name ?? null,
    lang: doc.meta.lang ?? null,
    description: doc.meta.description ?? null,
    body: text('body').join('\n\n'),
    comments: doc.comments ?? [],
    removed: doc.removed,
    inputChars: doc.text.length,
  };
}
