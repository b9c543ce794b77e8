import { Readability } from '@mozilla/readability';
import { segmentText } from '../segment.js';
import type { Block, DetectedDocument, SegmentedDocument } from '../types.js';
import { type BodyFormat, type DomBlock, blockText, domBlocks } from './dom-blocks.js';
import { type DomEngine, type DomLimits, parsePage } from './dom.js';
import { type MarkupComments, takeComments } from './markup-comments.js';
import { pageMetadata } from './page-metadata.js';
import { precleanChrome } from './preclean.js';

export interface HtmlOptions extends DomLimits {
  dom: DomEngine;
  bodyFormat: BodyFormat;
}

/** Below this many characters Readability has not found an article. */
const MIN_ARTICLE_CHARS = 250;
const MOST_OF_PAGE = 0.6;
/** A marked article body shorter than this may be a teaser's; Readability decides then. */
const MARKED_ARTICLE_CHARS = 500;
/**
 * Readability's scoring slows down steeply with nesting (seconds at a few
 * hundred levels on linkedom); real pages stay under 50 levels. A deeper tree,
 * up to the depth limit, is left to the text path.
 */
const READABLE_DEPTH = 200;

/**
 * The HTML path of the segment stage: metadata from the head, comments from
 * their markup, chrome removed by markup, then the article chosen by
 * Readability and cut into blocks. When Readability finds nothing, the page's
 * whole text goes on as blocks for classification to choose from, as a page
 * dump's would.
 */
export function segmentHtml(doc: DetectedDocument, options: HtmlOptions): SegmentedDocument {
  const page = readPage(doc, options);
  let blocks: DomBlock[] | null;
  try {
    blocks = page.openingPost ? domBlocks(page.openingPost, options.bodyFormat) : articleBlocks(page, options.bodyFormat);
  } catch (err) {
    if (!(err instanceof ReadabilityError)) throw err;
    // Readability left the document half rewritten; the text path gets the page as it was.
    const fresh = readPage(doc, options);
    precleanChrome(fresh.document);
    return textFallback(doc, fresh);
  }
  if (blocks) return { ...doc, meta: page.meta, blocks: blocks.map(plainBlock), bodyChosen: true, comments: page.comments };
  return textFallback(doc, page);
}

interface Page extends MarkupComments {
  document: Document;
  source: string;
  depth: number;
  meta: DetectedDocument['meta'];
}

/** The page parsed, its metadata read, its comments taken out. */
function readPage(doc: DetectedDocument, options: HtmlOptions): Page {
  const { document, jsonLd, source, depth } = parsePage(doc.text, options.dom, options);
  const meta = { ...pageMetadata(document, jsonLd), ...doc.meta };
  const taken = takeComments(document, source, blockText);
  // A thread's head may not name its author or date; its first post does.
  if (taken.opening?.author && !meta.authors?.length) meta.authors = [taken.opening.author];
  if (taken.opening?.posted && !meta.published) meta.published = taken.opening.posted;
  return { ...taken, document, source, depth, meta };
}

/** The page's whole text as blocks, for classification to choose from. */
function textFallback(doc: DetectedDocument, page: Page): SegmentedDocument {
  const root = page.document.body ?? page.document.documentElement;
  return { ...doc, meta: page.meta, blocks: root ? segmentText(blockText(root)) : [], comments: page.comments };
}

/**
 * Readability as we run it: the article comes back as its element, and the
 * steps that only shape what text output never shows (link URLs, inline
 * styles, lazy and noscript images) are skipped, as is the visibility test,
 * which the pre-clean has settled by removing every hidden element.
 */
class TextReadability extends Readability<Element> {}
Object.assign(TextReadability.prototype, {
  _fixRelativeUris() {},
  _cleanStyles() {},
  _fixLazyImages() {},
  _unwrapNoscriptImages() {},
  _isProbablyVisible: () => true,
});

/** Readability threw: a bug of its own on tag soup, which we route around. */
class ReadabilityError extends Error {}

function articleBlocks(page: Page, format: BodyFormat): DomBlock[] | null {
  const { document, source } = page;
  precleanChrome(document);
  if (page.depth > READABLE_DEPTH) return null;
  // A page that marks its one article body for search engines says where the
  // article is more surely than scoring can, and Readability's passes are
  // half the cost of a page.
  const marked = document.querySelectorAll('[itemprop="articleBody"]');
  if (marked.length === 1 && (marked[0]!.textContent ?? '').trim().length >= MARKED_ARTICLE_CHARS) return keepArticleBlocks(domBlocks(marked[0]!, format));
  let article: ReturnType<TextReadability['parse']>;
  try {
    article = new TextReadability(document, { serializer: (el) => el as Element, disableJSONLD: true }).parse();
  } catch (err) {
    throw new ReadabilityError(err instanceof Error ? err.message : String(err));
  }
  const chars = (article?.content?.textContent ?? '').trim().length;
  // A short article is still the article when it is most of what the page says.
  if (!article?.content || (chars < MIN_ARTICLE_CHARS && chars < textChars(source) * MOST_OF_PAGE)) return null;
  return keepArticleBlocks(domBlocks(article.content, format));
}

/**
 * Article blocks without the chrome their markup gives away: lists whose every
 * item is a link (navigation, related stories), paragraphs that are one short
 * link ("Read more: …"), and figures (an image's caption and credit).
 */
function keepArticleBlocks(blocks: DomBlock[]): DomBlock[] {
  const linkLists = new Set<number>();
  const textLists = new Set<number>();
  for (const b of blocks) if (b.list) (b.linkShare > LINK_ITEM ? linkLists : textLists).add(b.list);
  return blocks.filter((b) => {
    if (b.figure) return false;
    if (b.list) return !linkLists.has(b.list) || textLists.has(b.list);
    return !(b.linkShare > LINK_PARAGRAPH && b.text.length < SHORT_LINK_CHARS);
  });
}

// A list item this much inside links is a link; a paragraph this much inside
// one and shorter than a sentence or two is a link too.
const LINK_ITEM = 0.8;
const LINK_PARAGRAPH = 0.9;
const SHORT_LINK_CHARS = 120;

/** About how much text a page shows: its source without tags, space folded. */
function textChars(html: string): number {
  return html.replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim().length;
}

function plainBlock(b: DomBlock): Block {
  return { lines: b.lines, text: b.text, indent: b.indent, bullet: b.bullet, gapBefore: b.gapBefore };
}
