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

/**
 * Lines separated by blank lines form a paragraph. Within a paragraph, a line is
 * a block of its own (page dumps put a caption, a byline and a button on
 * consecutive lines) unless the paragraph is prose hard-wrapped at a fixed
 * width, which is joined back into one block.
 */
export function segmentText(text: string): Block[] {
  const blocks: Block[] = [];
  let raw: string[] = [];
  let clean: string[] = [];
  const flush = () => {
    if (!raw.length) return;
    if (isHardWrapped(raw)) {
      blocks.push(block(clean, indentOf(raw[0]!), true));
    } else {
      for (let i = 0; i < raw.length; i++) blocks.push(block([clean[i]!], indentOf(raw[i]!), i === 0));
    }
    raw = [];
    clean = [];
  };
  for (const line of text.split(/\r\n?|\n|\u2028|\u2029/)) {
    const c = cleanLine(line);
    if (c) {
      raw.push(line);
      clean.push(c);
    } else {
      flush();
    }
  }
  flush();
  return blocks;
}

function block(lines: string[], indent: number, gapBefore: boolean): Block {
  return { lines, text: lines.length === 1 ? lines[0]! : lines.join(' '), indent, bullet: BULLET.test(lines[0]!), gapBefore };
}

function indentOf(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === ' ' || ch === '\u00a0') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/**
 * Prose wrapped by a tool at a fixed width: every line but the last is long and
 * within a few columns of the widest, and no line is a list item. Tools wrap at
 * 60 to 80 columns; a stack of shorter lines (a date, categories, a counter) is
 * page furniture, a line each.
 */
function isHardWrapped(raw: string[]): boolean {
  if (raw.length < 2) return false;
  let width = 0;
  for (const l of raw) width = Math.max(width, l.trimEnd().length);
  if (width < 56 || width > 140) return false;
  for (let i = 0; i < raw.length - 1; i++) {
    if (raw[i]!.trimEnd().length < width - 15 || BULLET.test(raw[i]!.trim())) return false;
  }
  return true;
}
