import type { Block } from '../types.js';

/** How the body is written out: plain text, or Markdown keeping the structure. */
export type BodyFormat = 'text' | 'markdown';

/** A block with the element it came from, for the markup cues of the HTML path. */
export interface DomBlock extends Block {
  tag: string;
  /** Share of the block's text that sits inside links. */
  linkShare: number;
  /** Which list the block is an item of (numbered in page order), 0 outside lists. */
  list: number;
  /** Inside a `<figure>`: an image with its caption and credit. */
  figure: boolean;
  /** A row of a `<table>`. */
  table: boolean;
}

const BLOCK_TAGS = new Set(
  'address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul'.split(' '),
);
const SKIP_TAGS = new Set('script style noscript template svg iframe object canvas button select input textarea head'.split(' '));
const HEADING = /^h([1-6])$/;

interface Context {
  format: BodyFormat;
  /** Markdown prefix of the enclosing block quotes and list. */
  quoteDepth: number;
  listItem: string;
  /** The nearest enclosing element that makes its own block. */
  tag: string;
  list: number;
  figure: boolean;
  table: boolean;
}

/**
 * The element's text as blocks: one per paragraph, heading, list item, quote
 * paragraph or table row, in page order. Inline markup is folded into the text
 * (in Markdown: emphasis, code, and headings, list and quote markers).
 */
export function domBlocks(root: Element, format: BodyFormat = 'text'): DomBlock[] {
  const blocks: DomBlock[] = [];
  let text = '';
  let linkText = 0;
  let firstInList = true;
  let lists = 0;
  let ctx: Context = { format, quoteDepth: 0, listItem: '', tag: 'div', list: 0, figure: false, table: false };
  const flush = () => {
    const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
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
        tag: ctx.tag,
        linkShare: Math.min(1, linkText / plain.length),
        list: ctx.list,
        figure: ctx.figure,
        table: ctx.table,
      });
      if (bullet) firstInList = false;
    }
    text = '';
    linkText = 0;
  };
  const walk = (node: Node, inLink: boolean) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      text += ctx.tag === 'pre' ? t : t.replace(/\s+/g, ' ');
      if (inLink) linkText += t.trim().length;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'br') {
      // Two line breaks in a row are how old markup writes a paragraph break.
      if (/\n[^\S\n]*$/.test(text)) flush();
      else text += '\n';
      return;
    }
    if (tag === 'img') return;
    if (!BLOCK_TAGS.has(tag)) {
      const mark = format === 'markdown' ? inlineMark(tag) : '';
      const before = text.length;
      if (mark) text += mark;
      for (const child of el.childNodes) walk(child, inLink || tag === 'a');
      if (mark) {
        // An empty or all-space emphasis leaves no stray markers behind.
        const inner = text.slice(before + mark.length);
        if (!inner.trim()) text = text.slice(0, before);
        // Space inside the emphasis goes outside it: `*on it* !` is not Markdown.
        else text = text.slice(0, before) + (/^\s/.test(inner) ? ' ' : '') + mark + inner.trim() + mark + (/\s$/.test(inner) ? ' ' : '');
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
    if (tag === 'table') ctx.table = true;
    if (tag === 'li') ctx.listItem = el.parentElement?.tagName.toLowerCase() === 'ol' ? `${indexInList(el)}. ` : '- ';
    for (const child of el.childNodes) {
      walk(child, inLink);
      if (tag === 'tr' && child.nodeType === 1) text += ' ';
    }
    flush();
    ctx = saved;
  };
  walk(root, false);
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
