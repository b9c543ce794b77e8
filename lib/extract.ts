import { splitComments } from './comments.js';
import { findDate, parseByline, parseDate } from './metadata.js';
import type { ClassifiedDocument, ExtractedDocument, LabelledBlock, Removal } from './types.js';

/**
 * The extract stage: labelled blocks in, the record's fields out. What the
 * container said about the document (JSONL fields, the HTML head) wins over
 * what its text says.
 */
export function extract(doc: ClassifiedDocument): ExtractedDocument {
  const withRole = (role: string) => doc.blocks.filter((b) => b.role === role);
  const meta = withRole('meta');
  // Bylines and date lines the page rules found but classify did not place by
  // the headline: second choice, when the headline has none.
  const credits = withRole('chrome').filter((b) => b.kind === 'byline' || b.kind === 'dateline');
  const section = splitComments(withRole('comments'));
  return {
    id: doc.id,
    source: doc.source,
    format: doc.format,
    url: doc.meta.url ?? null,
    title: doc.meta.title ?? withRole('title')[0]?.text ?? null,
    authors: doc.meta.authors?.length ? doc.meta.authors : firstNonEmpty(bylineAuthors(meta), bylineAuthors(credits)),
    published: doc.meta.published ?? publishedDate(meta) ?? publishedDate(credits) ?? copyrightDate(doc.removed),
    site_name: doc.meta.site_name ?? null,
    lang: doc.meta.lang ?? null,
    description: doc.meta.description ?? null,
    body: withRole('body')
      .map((b) => b.text)
      .join('\n\n'),
    // A format that found the comments in its markup knows them better than the text does.
    comments: doc.comments ?? section.comments,
    removed: [...doc.removed, ...section.removed],
    inputChars: doc.text.length,
  };
}

/** The names in the page's byline blocks, in page order. */
function bylineAuthors(meta: readonly LabelledBlock[]): string[] {
  return meta.filter((b) => b.kind === 'byline').flatMap((b) => parseByline(b.text) ?? []);
}

const firstNonEmpty = (...lists: string[][]) => lists.find((l) => l.length) ?? [];

/** When the article was published, from its date line, else from a date in its byline ("Name - Nov 19, 2019"). */
function publishedDate(blocks: readonly LabelledBlock[]): string | null {
  for (const b of blocks) {
    const date = b.kind === 'dateline' ? parseDate(b.text) : null;
    if (date) return date;
  }
  for (const b of blocks) {
    const date = b.kind === 'byline' ? findDate(b.text) : null;
    if (date) return date;
  }
  return null;
}

/**
 * The day in a copyright line the page rules took out (`-- © Copyright Reuters
 * 2017-11-09`): wire copy stamps it with the day it was filed.
 */
function copyrightDate(removed: readonly Removal[]): string | null {
  for (const r of removed) {
    const date = r.kind === 'copyright' ? findDate(r.text) : null;
    if (date) return date;
  }
  return null;
}
