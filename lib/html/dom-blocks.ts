import type { Block } from '../types.js';

/** How the body is written out: plain text, or Markdown keeping the structure. */
export type BodyFormat = 'text' | 'markdown';

/** A block with the element it came from, for the markup cues of the HTML path. */
export interface DomBlock extends Block {
  /** An element's lines, one or more: blockText writes them out with their breaks. */
  lines: string[];
  /** Share of the block's text that sits inside links. */
  linkShare: number;
  /** Which list the block is an item of (numbered in page order), 0 outside lists. */
  list: number;
  /** Inside a `<figure>`: an image with its caption and credit. */
  figure: boolean;
}

const BLOCK_TAGS = new Set(
  'address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul'.split(' '),
);
const SKIP_TAGS = new Set('script style noscript template svg iframe object canvas button select input textarea head'.split(' '));
const HEADING = /^h([1-6])$/;
/** Ten times the deepest nesting of real pages: walks stop there rather than exhaust the stack. */
export const MAX_NESTING = 500;

interface Context {
  /** Markdown prefix of the enclosing block quotes and list. */
  quoteDepth: number;
  listItem: string;
  /** The nearest enclosing element that makes its own block. */
  tag: string;
  list: number;
  figure: boolean;
}

/**
 * The element's text as blocks: one per paragraph, heading, list item, quote
 * paragraph or table row, in page order. Inline markup is folded into the text
 * (in Markdown: emphasis, code, and headings, list and quote markers).
 */
export function domBlocks(root: Element, format: BodyFormat = 'text'): DomBlock[] {
  const blocks: DomBlock[] = [];
  // The block's text so far, in pieces: appending to one long string and reading
  // it back at each element would copy it again and again.
  let parts: string[] = [];
  let linkText = 0;
  let firstInList = true;
  let lists = 0;
  // Whether the last thing in the text is a line break: a second one in a row
  // ends the paragraph, as old markup writes paragraph breaks.
  let afterBreak = false;
  let ctx: Context = { quoteDepth: 0, listItem: '', tag: 'div', list: 0, figure: false };
  const flush = () => {
    const lines = parts.join('').split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const plain = lines.join(' ');
    if (plain) {
      const bullet = ctx.listItem !== '';
      let prefix = '';
      if (format === 'markdown') {
        const h = HEADING.exec(ctx.tag);
        prefix = '> '.repeat(ctx.quoteDepth) + (h ? '#'.repeat(+h[1]!) + ' ' : bullet ? ctx.listItem : '');
      }
      if (prefix) lines[0] = prefix + lines[0];
      blocks.push({
        lines,
        text: prefix + plain,
        indent: 0,
        bullet,
        gapBefore: !bullet || firstInList,
        linkShare: Math.min(1, linkText / plain.length),
        list: ctx.list,
        figure: ctx.figure,
      });
      if (bullet) firstInList = false;
    }
    parts = [];
    linkText = 0;
    afterBreak = false;
  };
  const walk = (node: Node, inLink: boolean, depth: number) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      parts.push(ctx.tag === 'pre' ? t : t.replace(/\s+/g, ' '));
      if (afterBreak && /\S/.test(t)) afterBreak = false;
      if (inLink) linkText += t.trim().length;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    // Past any real page's nesting, the rest is read as one run of text, so
    // that hostile markup cannot exhaust the stack.
    if (depth > MAX_NESTING) {
      parts.push(` ${el.textContent ?? ''} `);
      return;
    }
    const tag = el.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'br') {
      if (afterBreak) flush();
      else {
        parts.push('\n');
        afterBreak = true;
      }
      return;
    }
    if (tag === 'img') return;
    if (!BLOCK_TAGS.has(tag)) {
      const mark = format === 'markdown' ? inlineMark(tag) : '';
      const before = parts.length;
      for (const child of el.childNodes) walk(child, inLink || tag === 'a', depth + 1);
      if (mark) {
        const inner = parts.splice(before).join('');
        // An empty emphasis leaves no stray marks, and space inside one goes
        // outside it: `*on it* !` is not Markdown.
        if (inner.trim()) parts.push((/^\s/.test(inner) ? ' ' : '') + mark + inner.trim() + mark + (/\s$/.test(inner) ? ' ' : ''));
      }
      return;
    }
    flush();
    const saved = ctx;
    ctx = { ...ctx, tag: tag === 'td' || tag === 'th' ? ctx.tag : tag };
    if (tag === 'blockquote') ctx.quoteDepth++;
    if (tag === 'ul' || tag === 'ol') {
      firstInList = true;
      ctx.list = ++lists;
    }
    if (tag === 'figure') ctx.figure = true;
    if (tag === 'li') ctx.listItem = el.parentElement?.tagName.toLowerCase() === 'ol' ? `${indexInList(el)}. ` : '- ';
    for (const child of el.childNodes) {
      walk(child, inLink, depth + 1);
      if (tag === 'tr' && child.nodeType === 1) parts.push(' ');
    }
    flush();
    ctx = saved;
  };
  walk(root, false, 0);
  flush();
  return blocks;
}

function inlineMark(tag: string): string {
  if (tag === 'em' || tag === 'i') return '*';
  if (tag === 'strong' || tag === 'b') return '**';
  if (tag === 'code') return '`';
  return '';
}

function indexInList(li: Element): number {
  let n = 1;
  for (let s = li.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName.toLowerCase() === 'li') n++;
  return n;
}

/** The element's text with paragraph breaks, as a comment or quote is written out. */
export function blockText(el: Element): string {
  return domBlocks(el, 'text')
    .map((b) => b.lines.join('\n'))
    .join('\n\n');
}
