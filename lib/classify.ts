import { type BlockStats, blockStats, bodyProbabilities, proseIndent } from './block-features.js';
import { BLOCK_MODEL, type BlockModel } from './block-model.js';
import { commentSectionStart } from './comments.js';
import { parseByline, parseDate } from './metadata.js';
import { ARTICLE_END_KINDS, COMMENTS_KINDS } from './rules/page-chrome.js';
import type { Block, ClassifiedDocument, LabelledBlock, Removal, Role, SegmentedDocument } from './types.js';

/**
 * The classify stage: decides what each block is. Each block gets a probability
 * of being article text from the block model; the body is the contiguous run of
 * blocks that gains the most over the model's threshold (a maximum subarray), cut
 * where the comment section starts; the title is the headline just above it.
 * Inside the body, the page rules take out chrome and repeats.
 */
export function classify(doc: SegmentedDocument): ClassifiedDocument {
  return classifyWith(doc, BLOCK_MODEL);
}

/** classify with a given block model (the training script scores models it has not shipped). */
export function classifyWith(doc: SegmentedDocument, model: BlockModel): ClassifiedDocument {
  // The blocks handed in are labelled in place (nothing holds a segmented document
  // once the chain has handed it on; segmentText makes its blocks with room for a
  // role and a kind) and judged themselves: what the comment rules remember about a
  // block object (its folded text) then serves extract, which asks them about the
  // same blocks again. No search below reads a role: each block is given its role
  // and kind once, after them, so that a second classification of the same document
  // relabels every block.
  const blocks = doc.blocks as LabelledBlock[];
  const stats = statsOf(blocks);
  if (doc.bodyChosen) {
    blocks.forEach((b, i) => {
      if (stats[i]!.chrome) chromeOrMeta(b, stats[i]!);
      else label(b, 'body');
    });
    dropRepeats(blocks, doc.meta.title ?? null);
  } else {
    const indent = proseIndent(blocks, stats);
    const p = bodyProbabilities(blocks, stats, indent, model.weights);
    // A comment section follows the article it is about: when no article text
    // stands above where one seems to start, that start was a false one.
    const comments = commentSectionStart(blocks, stats);
    let limit = comments >= 0 ? comments : blocks.length;
    let [start, end, gain] = bodyRegion(blocks, p, stats, limit, model.threshold, indent);
    if (limit < blocks.length && gain < MIN_ARTICLE_GAIN) {
      limit = blocks.length;
      [start, end] = bodyRegion(blocks, p, stats, limit, model.threshold, indent);
    }
    const title = findTitle(blocks, stats, start, end, indent);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const s = stats[i]!;
      if (i >= limit) {
        label(b, 'comments');
        b.pageChrome = s.chrome;
      } else if (i === title) label(b, 'title');
      else if (i >= start && i < end) {
        if (s.chrome) chromeOrMeta(b, s);
        else if (p[i]! < model.keepInside) label(b, 'chrome', 'boilerplate');
        else label(b, 'body');
      } else if (s.chrome) {
        if (i < start && i >= (title >= 0 ? title : start) - META_REACH) chromeOrMeta(b, s);
        else label(b, 'chrome', s.chrome);
      } else label(b, 'chrome', b.bullet || LONE_MARKER.test(b.text) ? 'navigation' : 'boilerplate');
    }
    dropRepeats(blocks, title >= 0 ? blocks[title]!.text : null);
  }
  const removed: Removal[] = [];
  for (const b of blocks) if (b.role === 'chrome') removed.push({ kind: b.kind!, text: b.text, final: b.final === true });
  return { ...doc, blocks, removed };
}

/**
 * blockStats of every block. A page prints its menus twice or more (header,
 * footer, sidebar), and a block's stats depend on its text and whether it is a
 * list item only: a repeat is worked out once. Repeats are menu items and other
 * short lines; a paragraph is not worth looking for one.
 *
 * The earlier block a repeat would copy is found in a table indexed by a few of
 * the text's units and its length, holding the last block seen there: no string is
 * hashed (a Map hashed every short text of every page, each new to it). Two texts
 * that share a slot only cost a repeat its copy: stats are values, worked out
 * anew they are the same.
 */
function statsOf(blocks: readonly Block[]): BlockStats[] {
  let size = 64;
  while (size < blocks.length * 4) size *= 2;
  if (lastSeen.length < size) lastSeen = new Int32Array(size);
  const last = lastSeen.fill(-1, 0, size);
  const stats: BlockStats[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    // String(): its length read inline (see charCodeAt in block-features.ts).
    const text = String(b.text);
    if (text.length >= REPEAT_MAX) {
      stats.push(blockStats(b));
      continue;
    }
    const slot = repeatSlot(text, b.bullet) & (size - 1);
    const j = last[slot]!;
    if (j >= 0 && blocks[j]!.text === text && blocks[j]!.bullet === b.bullet) stats.push(stats[j]!);
    else {
      last[slot] = i;
      stats.push(blockStats(b));
    }
  }
  return stats;
}

// statsOf's table, kept from page to page: a typed array of its own was a malloc a page.
let lastSeen = new Int32Array(0);

/**
 * Where statsOf looks for a text's earlier copy: its length, five of its units
 * spread from first to last, and whether it is a list item, mixed. (With fewer
 * units, or a table twice the blocks, a tenth of the bench's repeats met another
 * text in their slot first; this way 3%.)
 */
function repeatSlot(text: string, bullet: boolean): number {
  const n = text.length;
  let h = Math.imul(n, 0x9e3779b1) ^ (bullet ? 0x5bd1e995 : 0);
  h = Math.imul(h ^ charCodeAt.call(text, 0), 0x85ebca6b);
  h = Math.imul(h ^ charCodeAt.call(text, n >> 2), 0xc2b2ae35);
  h = Math.imul(h ^ charCodeAt.call(text, n >> 1), 0x27d4eb2f);
  h = Math.imul(h ^ charCodeAt.call(text, (3 * n) >> 2), 0x165667b1);
  h = Math.imul(h ^ charCodeAt.call(text, n - 1), 0x85ebca6b);
  // 30 bits: a small integer, which V8 keeps unboxed (dropRepeats' Map keys).
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

// String methods called through this module's own constants: off block texts of
// many string maps, `text.charCodeAt` is a megamorphic load (see charCodeAt in
// block-features.ts); an imported constant would be read through its cell, and
// the call would be a generic one.
const charCodeAt = String.prototype.charCodeAt;
const startsWith = String.prototype.startsWith;

// The longest block statsOf looks for a repeat of.
const REPEAT_MAX = 100;

// An empty menu item: a list marker with nothing after it.
const LONE_MARKER = /^[*+o•·-]$/;

// How many blocks around the headline a byline or date line may sit and still be the article's.
const META_REACH = 4;

/** Sets a block's role and kind (none unless a rule named one). */
function label(block: LabelledBlock, role: Role, kind?: string): void {
  block.role = role;
  block.kind = kind;
}

/** A rule's block is metadata when it is a byline or date line the metadata parsers read, else chrome. */
function chromeOrMeta(block: LabelledBlock, s: BlockStats): void {
  if (s.chrome === 'byline' && parseByline(block.text)) label(block, 'meta', 'byline');
  else if (s.chrome === 'dateline' && parseDate(block.text)) label(block, 'meta', 'dateline');
  else label(block, 'chrome', s.chrome!);
}

// What text after an article-end marker still gains, once an article stood before it.
const CREDIT = 0.3;
// What an article-end marker costs a run that reaches across it.
const END_PENALTY = 3;
// The gain of two short paragraphs of prose: less than that above a comment section is no article.
const MIN_ARTICLE_GAIN = 8;

/**
 * The run of blocks [start, end) before `limit` with the largest total gain, and that gain;
 * each block gaining (p - threshold) times the square root of its words, so that one long
 * paragraph outweighs a handful of menu items. A block after which articles end (a
 * related-links heading, a copyright line, a donation appeal) costs the run; once a whole
 * article has stood before such a block, what comes after it gains less: it is more likely
 * teasers for other pages than the article's second half (unless the marker is a
 * related-links heading set in among the prose, as a "Read more" box inside an article is). A comments heading that is not
 * a menu item ends the search: comments follow the article.
 */
function bodyRegion(blocks: readonly Block[], p: readonly number[], stats: readonly BlockStats[], limit: number, threshold: number, indent: number): [number, number, number] {
  let best = 0;
  let bestStart = 0;
  let bestEnd = 0;
  let sum = 0;
  let start = 0;
  let credit = 1;
  for (let i = 0; i < limit; i++) {
    const s = stats[i]!;
    if (s.chrome && sum > 0 && COMMENTS_KINDS.has(s.chrome) && !blocks[i]!.bullet) break;
    let gain = (p[i]! - threshold) * Math.sqrt(s.words + 1);
    if (s.chrome && ARTICLE_END_KINDS.has(s.chrome) && sum > 0) {
      // Set in among the prose (lynx), a related-links heading is a box inside the article.
      const inline = s.chrome === 'related-links' && indent > 0 && blocks[i]!.indent === indent;
      if (sum >= MIN_ARTICLE_GAIN && !inline) credit *= CREDIT;
      gain = -END_PENALTY;
    }
    if (gain > 0) gain *= credit;
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += gain;
    if (sum > best) [best, bestStart, bestEnd] = [sum, start, i + 1];
  }
  return [bestStart, bestEnd, best];
}

// Lines about the post rather than its headline: who posted it when, how many comments, a counter.
const POST_META =
  /\b(?:posted|published|updated|submitted|commented|publicado|publié|veröffentlicht|pubblicato|gepubliceerd|atualizado|actualizado|aggiornato|aktualisiert|bijgewerkt)\b|\b\d+\s+(?:comments?|comentários?|comentarios?|commentaires?|kommentare?|commenti|reacties)\b|:\s*\d+$/i;

/** A headline: a few words on a line of their own, not a sentence, not a list item, not chrome, not about the post. */
function isHeadline(block: Block, s: BlockStats): boolean {
  // Chinese and Japanese count a word per character: a headline there is up to 50 of them without spaces.
  const short = s.words <= 20 || (block.text.length <= 50 && !block.text.includes(' '));
  return s.words >= 2 && short && block.text.length <= 250 && !block.bullet && !s.chrome && !/[.,;:]$/.test(block.text) && !POST_META.test(block.text);
}

// How far above the body a headline is looked for: captions, bylines and share
// buttons sit between them, whole menus do not.
const TITLE_REACH = 25;

/**
 * The headline: the body's first block when it is one and prose follows (a plain
 * dump starts with its headline), else the nearest headline-like block above the
 * body, and where the page indents its prose (lynx), the nearest one printed as a
 * heading, left of the prose. A two-word line just above the body is more often
 * the author's name: a longer one a little higher up wins over it. -1 when there is none.
 */
function findTitle(blocks: readonly Block[], stats: readonly BlockStats[], start: number, end: number, indent: number): number {
  if (start < end && isHeadline(blocks[start]!, stats[start]!) && start + 1 < end && stats[start + 1]!.words > stats[start]!.words) return start;
  let nearest = -1;
  let short = -1;
  for (let i = start - 1; i >= 0 && i >= start - TITLE_REACH; i--) {
    if (!isHeadline(blocks[i]!, stats[i]!)) continue;
    if (stats[i]!.words <= 2 && indent === 0) {
      if (short < 0) short = i;
      continue;
    }
    if (blocks[i]!.indent < indent) return i;
    if (nearest < 0) nearest = i;
    if (indent === 0) break;
  }
  return nearest >= 0 ? nearest : short;
}

/**
 * Text printed twice is kept once: the headline repeated at the top of the body,
 * a caption printed under a photo and again in a gallery (the second copy often
 * with a credit added, so a block that extends the one before it is a repeat too).
 *
 * The texts seen are kept by repeatSlot, not in a Set of strings: a Set hashed
 * every paragraph of the body in full (~1% of a pass over the text dumps), and
 * a slot reads five units. Texts that share a slot are told apart by comparing them.
 */
function dropRepeats(blocks: readonly LabelledBlock[], title: string | null): void {
  const seen = new Map<number, string[]>();
  const see = (text: string, slot: number) => {
    const texts = seen.get(slot);
    if (texts) texts.push(text);
    else seen.set(slot, [text]);
  };
  if (title) see(title, repeatSlot(title, false));
  let prev = '';
  for (const b of blocks) {
    if (b.role !== 'body') continue;
    const k = String(b.text);
    const slot = repeatSlot(k, false);
    const extendsPrev = prev.length >= 30 && (startsWith.call(k, prev) || startsWith.call(prev, k));
    if (seen.get(slot)?.includes(k) || extendsPrev) label(b, 'chrome', 'duplicate');
    else {
      if (k.length >= 20) see(k, slot);
      prev = k;
    }
  }
}
