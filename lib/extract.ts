import { splitComments } from './comments.js';
import { findDate, fold, mayBeCredit, parseByline, parseDate } from './metadata.js';
import { COMMENT_RULES } from './rules/comment-chrome.js';
import type { ClassifiedDocument, ExtractedDocument, LabelledBlock, Removal } from './types.js';

/**
 * The extract stage: labelled blocks in, the record's fields out. What the
 * container said about the document (JSONL fields, the HTML head) wins over
 * what its text says.
 */
export function extract(doc: ClassifiedDocument): ExtractedDocument {
  // The blocks of each role the record is made from, in page order, sorted out
  // in one pass. Chrome, most of a page, is kept only where it is a byline or a
  // date line the page rules found but classify did not place by the headline:
  // second choice, when the headline has none, and only the first (further
  // down they credit other articles).
  const body: string[] = [];
  const meta: LabelledBlock[] = [];
  const comments: LabelledBlock[] = [];
  const credits: LabelledBlock[] = [];
  let title: string | undefined;
  let bodyFinal = true;
  for (const b of doc.blocks) {
    if (b.role === 'body') {
      body.push(b.text);
      bodyFinal &&= b.final === true;
    } else if (b.role === 'chrome') {
      if (b.kind === 'byline' || b.kind === 'dateline') credits.push(b);
    } else if (b.role === 'meta') meta.push(b);
    else if (b.role === 'comments') comments.push(b);
    else title ??= b.text;
  }
  // Last choice: a credit line no rule named, at the head of the page, where
  // the parsers themselves recognise it ("Posted on DATE by NAME — 5 Comments").
  // A forum poster's profile ("Joined: DATE") is dated too, but it is comment furniture.
  // Parsing every head line is costly and usually not needed: done only when asked.
  // The comment rules run last, and only on the lines the parsers took for
  // credits that a reader below reaches (mostly the first byline and date line).
  let headCredits: LabelledBlock[] | undefined;
  // The head's credit lines are parsed to be found, then again to be read: each text is parsed once.
  const parse: Parsers = { byline: once(parseByline), date: once(parseDate) };
  const head = (): LabelledBlock[] => (headCredits ??= pageHeadCredits(doc.blocks, parse));
  const notFurniture = once((b: LabelledBlock) => !COMMENT_RULES.some((rule) => rule.matches(b)));
  const section = splitComments(comments);
  return {
    id: doc.id,
    source: doc.source,
    format: doc.format,
    url: doc.meta.url ?? null,
    title: doc.meta.title ?? title ?? null,
    authors: doc.meta.authors?.length
      ? doc.meta.authors
      : firstNonEmpty(
          () => bylineAuthors(meta, parse),
          () => bylineAuthors(credits, parse, true),
          () => bylineAuthors(head(), parse, true, notFurniture),
        ),
    published:
      doc.meta.published ?? publishedDate(meta.concat(credits), parse) ?? copyrightDate(doc.removed) ?? publishedDate(head(), parse, notFurniture),
    site_name: doc.meta.site_name ?? null,
    lang: doc.meta.lang ?? null,
    description: doc.meta.description ?? null,
    body: body.join('\n\n'),
    // A format that found the comments in its markup knows them better than the text does.
    comments: doc.comments ?? section.comments,
    removed: doc.removed.concat(section.removed),
    inputChars: doc.text.length,
    bodyFinal,
  };
}

/** The metadata parsers extract reads a document's lines with. */
interface Parsers {
  byline: (text: string) => string[] | null;
  date: (text: string) => string | null;
}

/** A function that works out its answer for each argument once. */
function once<K, T>(work: (key: K) => T): (key: K) => T {
  const known = new Map<K, T>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = work(key);
    known.set(key, value);
    return value;
  };
}

/** Every block is a credit line that counts, but for those a filter turns away. */
const everyBlock = (): boolean => true;

// How far into the article a credit line may stand: the headline's neighbourhood.
const HEAD_BODY_BLOCKS = 3;

/**
 * The lines the parsers take for credit lines among the blocks above the
 * article's text and its first few paragraphs (comments never), each with the
 * kind they give it. Comment furniture among them is not yet set apart.
 */
function pageHeadCredits(blocks: readonly LabelledBlock[], parse: Parsers): LabelledBlock[] {
  const out: LabelledBlock[] = [];
  let body = 0;
  for (const b of blocks) {
    if (b.role === 'comments' || body >= HEAD_BODY_BLOCKS) break;
    if (b.role === 'body') body++;
    // Most head lines hold neither a year nor a by-word: one look turns them away.
    if (!mayBeCredit(b.text)) continue;
    const kind = parse.date(b.text) ? 'dateline' : parse.byline(b.text) ? 'byline' : null;
    if (kind) out.push({ ...b, kind });
  }
  return out;
}

/**
 * The names in the page's byline blocks, in page order, but for those `counts`
 * turns away; with `first`, of the first byline only.
 */
function bylineAuthors(blocks: readonly LabelledBlock[], parse: Parsers, first = false, counts: (b: LabelledBlock) => boolean = everyBlock): string[] {
  const names: string[] = [];
  for (const b of blocks) {
    const found = b.kind === 'byline' && counts(b) ? parse.byline(b.text) : null;
    if (!found?.length) continue;
    names.push(...found);
    if (first) break;
  }
  return names;
}

/** The first of the lists, worked out in turn, that is not empty. */
function firstNonEmpty(...lists: (() => string[])[]): string[] {
  for (const list of lists) {
    const names = list();
    if (names.length) return names;
  }
  return [];
}

// A date line that says when the article was last changed, not when it appeared.
const UPDATED = /^\W*(?:last )?(?:updated|modified|aktualisiert|zuletzt|mis a jour|actualizado|aggiornato|atualizado|bijgewerkt)\b/;

/**
 * When the article was published, from its date line (one that does not say
 * "Updated" first), else from a date in its byline ("Name - Nov 19, 2019").
 * The headline's own lines come first, then the others; those `counts` turns
 * away are none.
 */
function publishedDate(blocks: readonly LabelledBlock[], parse: Parsers, counts: (b: LabelledBlock) => boolean = everyBlock): string | null {
  const datelines = blocks.filter((b) => b.kind === 'dateline');
  // Most pages' first date line says it: the others are not asked whether they say "Updated".
  for (const b of datelines) {
    const date = !counts(b) || UPDATED.test(fold(b.text)) ? null : parse.date(b.text);
    if (date) return date;
  }
  for (const b of datelines) {
    const date = counts(b) ? parse.date(b.text) : null;
    if (date) return date;
  }
  for (const b of blocks) {
    const date = b.kind === 'byline' && counts(b) ? findDate(b.text) : null;
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
