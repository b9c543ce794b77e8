import { DocumentError } from './errors.js';
import { segmentHtml } from './html/extract-html.js';
import type { ResolvedOptions } from './options.js';
import { cleanLine } from './text.js';
import type { Block, DetectedDocument, SegmentedDocument } from './types.js';

/** The segment stage: a document's text cut into the blocks every rule looks at. */
export function segment(doc: DetectedDocument, options: Pick<ResolvedOptions, 'dom' | 'bodyFormat' | 'maxLineChars' | 'maxDepth' | 'maxNodes'>): SegmentedDocument {
  const segmented = doc.format === 'html' ? segmentHtml(doc, options) : { ...doc, blocks: segmentText(doc.text) };
  checkLineLength(segmented.blocks, options.maxLineChars);
  return segmented;
}

/**
 * A line past the limit fails the document rather than being cut: a cut would
 * change the text a corpus is built from without saying so, and a line of a
 * million characters is a data blob or a page that lost its line breaks, not
 * prose a reader sees. The user can raise the limit and rerun those documents.
 */
function checkLineLength(blocks: Block[], maxLineChars: number): void {
  for (const b of blocks) {
    for (const line of b.lines) {
      if (line.length > maxLineChars) {
        throw new DocumentError('line-too-long', `a line of ${line.length} characters, longer than --max-line-chars (${maxLineChars})`);
      }
    }
  }
}

const BULLET = /^(?:[*+•·▪◦‣-]|\d{1,3}[.)])\s+/;
const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/;

/**
 * Lines separated by blank lines form a paragraph. Within a paragraph, a line is
 * a block of its own (page dumps put a caption, a byline and a button on
 * consecutive lines) unless the paragraph is prose hard-wrapped at a fixed
 * width, which is joined back into one block.
 */
export function segmentText(text: string): Block[] {
  // Most dumps end lines with \n alone, and a split on a string is far cheaper than on a pattern;
  // so is a search for each other break than a pattern of all three.
  const otherBreaks = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');
  const raw = otherBreaks ? text.split(LINE_BREAK) : text.split('\n');
  const blocks: Block[] = [];
  // The paragraph being read: raw[first] and the lines after it, cleaned.
  let first = 0;
  let clean: string[] = [];
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? cleanLine(raw[i]!) : '';
    if (c) {
      if (!clean.length) first = i;
      clean.push(c);
    } else if (clean.length) {
      if (isHardWrapped(raw, first, i)) {
        blocks.push(block(clean, indentOf(raw[first]!), true));
        clean = [];
      } else {
        for (let k = 0; k < clean.length; k++) blocks.push(block([clean[k]!], indentOf(raw[first + k]!), k === 0));
        clean.length = 0;
      }
    }
  }
  return blocks;
}

function block(lines: string[], indent: number, gapBefore: boolean): Block {
  return { lines, text: lines.length === 1 ? lines[0]! : lines.join(' '), indent, bullet: BULLET.test(lines[0]!), gapBefore };
}

function indentOf(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) n++;
    else if (c === 0x09) n += 4;
    else break;
  }
  return n;
}

/**
 * Prose wrapped by a tool at a fixed width: every line but the last of
 * raw[from..to) is long and within a few columns of the widest, and no line is a
 * list item. Tools wrap at 60 to 80 columns; a stack of shorter lines (a date,
 * categories, a counter) is page furniture, a line each.
 */
function isHardWrapped(raw: string[], from: number, to: number): boolean {
  if (to - from < 2) return false;
  let width = 0;
  for (let i = from; i < to; i++) width = Math.max(width, raw[i]!.trimEnd().length);
  if (width < 56 || width > 140) return false;
  for (let i = from; i < to - 1; i++) {
    if (raw[i]!.trimEnd().length < width - 15 || BULLET.test(raw[i]!.trim())) return false;
  }
  return true;
}
