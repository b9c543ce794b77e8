import { cleanLine } from './text.js';
import type { Block, DetectedDocument, SegmentedDocument } from './types.js';

/** The segment stage: a document's text cut into the blocks every rule looks at. */
export function segment(doc: DetectedDocument): SegmentedDocument {
  return { ...doc, blocks: segmentText(doc.text) };
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
  let para: { raw: string; clean: string }[] = [];
  const flush = () => {
    if (!para.length) return;
    if (isHardWrapped(para.map((l) => l.raw))) {
      blocks.push(block(para.map((l) => l.clean), indentOf(para[0]!.raw), true));
    } else {
      para.forEach((l, i) => blocks.push(block([l.clean], indentOf(l.raw), i === 0)));
    }
    para = [];
  };
  for (const raw of text.split(/\r\n?|\n|\u2028|\u2029/)) {
    const clean = cleanLine(raw);
    if (clean) para.push({ raw, clean });
    else flush();
  }
  flush();
  return blocks;
}

function block(lines: string[], indent: number, gapBefore: boolean): Block {
  const first = lines[0]!;
  return { lines, text: lines.join(' '), indent, bullet: BULLET.test(first), gapBefore };
}

function indentOf(raw: string): number {
  const m = /^[ \t\u00a0]*/.exec(raw)!;
  return m[0].replace(/\t/g, '    ').length;
}

/**
 * Prose wrapped by a tool at a fixed width: every line but the last is long and
 * within a few columns of the widest, and no line is a list item.
 */
function isHardWrapped(raw: string[]): boolean {
  if (raw.length < 2) return false;
  const lens = raw.map((l) => l.trimEnd().length);
  const width = Math.max(...lens);
  if (width < 40 || width > 140) return false;
  return raw.slice(0, -1).every((l, i) => lens[i]! >= width - 15 && !BULLET.test(l.trim()));
}
