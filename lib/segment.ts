import { DocumentError } from './errors.js';
import { segmentHtml } from './html/extract-html.js';
import type { ResolvedOptions } from './options.js';
import { BEYOND_NFC_STABLE, cleanTrimmed, lineMayChange, unitsOf } from './text.js';
import type { Block, DetectedDocument, LabelledBlock, SegmentedDocument } from './types.js';

/** The segment stage: a document's text cut into the blocks every rule looks at. */
export function segment(doc: DetectedDocument, options: Pick<ResolvedOptions, 'dom' | 'bodyFormat' | 'maxLineChars' | 'maxDepth' | 'maxNodes'>): SegmentedDocument {
  if (doc.format === 'html') {
    const segmented = segmentHtml(doc, options);
    checkLineLength(segmented.blocks, options.maxLineChars);
    return segmented;
  }
  const blocks = segmentText(doc.text);
  // A line of a text is a part of it, cleaning only shortens it: a text within the limit holds no line past it.
  if (doc.text.length > options.maxLineChars) checkLineLength(blocks, options.maxLineChars);
  // Written out, the optional fields set after, as decode and detect make theirs, not spread.
  const segmented: SegmentedDocument = { id: doc.id, source: doc.source, format: doc.format, text: doc.text, inputBytes: doc.inputBytes, meta: doc.meta, blocks };
  if (doc.line !== undefined) segmented.line = doc.line;
  if (doc.carried !== undefined) segmented.carried = doc.carried;
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
    for (const line of b.lines ?? [b.text]) {
      if (line.length > maxLineChars) {
        throw new DocumentError('line-too-long', `a line of ${line.length} characters, longer than --max-line-chars (${maxLineChars})`);
      }
    }
  }
}

// The symbols a list item opens with, each one UTF-16 unit. The rules that set
// a bullet aside before reading a line take them from here, so that what counts
// as a list item is decided in one place.
const BULLET_SYMBOLS = '*+•·▪◦‣-';
/** A symbol bullet before a line's text ("* Reply", "• Recently Browsing"). */
export const SYMBOL_BULLET = new RegExp(`^[${BULLET_SYMBOLS}]\\s+`);
/** The units SYMBOL_BULLET starts with: a line starting otherwise is spared the pattern. */
export const BULLET_FIRST: ReadonlySet<number> = new Set([...BULLET_SYMBOLS].map((c) => c.charCodeAt(0)));
/** BULLET_FIRST as flags by unit, up to the highest: isBullet asks it of every block, which a set's hashing made a cost. */
const BULLET_FLAGS = new Uint8Array(Math.max(...BULLET_FIRST) + 1);
for (const c of BULLET_FIRST) BULLET_FLAGS[c] = 1;

/**
 * Whether a line opens as a list item: a symbol bullet, or one to three ASCII
 * digits and `.` or `)`, then white space (a pattern's \s, the units trim takes).
 * Read by hand: most lines are turned away by their first unit.
 */
function isBullet(line: string): boolean {
  const length = String(line).length;
  const c = charCodeAt.call(line, 0);
  let i = 1;
  if (isDigit(c)) {
    while (i < 3 && i < length && isDigit(charCodeAt.call(line, i))) i++;
    if (i === length) return false;
    const mark = charCodeAt.call(line, i++);
    if (mark !== 0x2e && mark !== 0x29) return false;
  } else if (BULLET_FLAGS[c] !== 1) return false;
  return i < length && isTrimmed(charCodeAt.call(line, i));
}

// isBullet reads lines of many string representations: String.prototype's own
// method, called through this constant, spares each read a megamorphic lookup,
// and reads stop at the line's end (a read past it, NaN, deoptimises the inline
// read for good).
const charCodeAt = String.prototype.charCodeAt;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Lines separated by blank lines form a paragraph. Within a paragraph, a line is
 * a block of its own (page dumps put a caption, a byline and a button on
 * consecutive lines) unless the paragraph is prose hard-wrapped at a fixed
 * width, which is joined back into one block.
 *
 * The lines are read in place (where each starts and where its space ends) rather
 * than split and trimmed: one string is cut per line, not two, and blank lines
 * cost none. Each block is made with the role classify starts every block at and
 * a slot for its kind, so that classify labels these objects instead of copying
 * each one (one object shape from here to extract).
 */
export function segmentText(text: string): LabelledBlock[] {
  // Most dumps end lines with \n alone, found by a string search.
  const otherBreaks = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');
  const units = unitsOf(text);
  const blocks: LabelledBlock[] = [];
  const para: Paragraph = { lines: 0, clean: [], final: [], trimmed: [], indents: [], widths: [] };
  let pos = 0;
  for (;;) {
    const end = lineEnd(text, units, pos, otherBreaks);
    // The line's bounds less what String.prototype.trim takes, which cleanLine would take first.
    let from = pos;
    let to = end;
    // The indent is read on the way: leading spaces and no-break spaces, a tab as four, up to other white space.
    let indent = 0;
    let indenting = true;
    for (let c; from < to && isTrimmed((c = units[from]!)); from++) {
      if (!indenting) continue;
      if (c === 0x20 || c === 0xa0) indent++;
      else if (c === 0x09) indent += 4;
      else indenting = false;
    }
    while (to > from && isTrimmed(units[to - 1]!)) to--;
    const trimmed = from < to ? text.slice(from, to) : '';
    // One look tells most lines clean and final; the rest are cleaned, then looked at again.
    const final = !trimmed || !lineMayChange(units, from, to);
    const c = final ? trimmed : cleanTrimmed(trimmed);
    if (c) {
      const k = para.lines++;
      para.clean[k] = c;
      para.final[k] = final || isNfc(c);
      para.trimmed[k] = trimmed;
      para.indents[k] = indent;
      para.widths[k] = to - pos;
    } else if (para.lines) addParagraph(blocks, para);
    if (end === text.length) break;
    pos = end + (units[end] === 0x0d && end + 1 < text.length && units[end + 1] === 0x0a ? 2 : 1);
  }
  if (para.lines) addParagraph(blocks, para);
  return blocks;
}

/**
 * A paragraph's non-blank lines, the first `lines` entries of each array: cleaned,
 * whether that is final (Block.final), trimmed, its indent (Block.indent), and its
 * length less trailing space. The arrays are written over for each paragraph,
 * not emptied (emptied, an array lets its store go and grows a new one).
 */
interface Paragraph {
  lines: number;
  clean: string[];
  final: boolean[];
  trimmed: string[];
  indents: number[];
  widths: number[];
}

/** Where the line from pos ends: at the next \n, or with otherBreaks the next \r, \n, U+2028 or U+2029; else the text's end. */
function lineEnd(text: string, units: Uint16Array, pos: number, otherBreaks: boolean): number {
  if (!otherBreaks) {
    const i = text.indexOf('\n', pos);
    return i < 0 ? text.length : i;
  }
  for (let i = pos; i < text.length; i++) {
    const c = units[i];
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return i;
  }
  return text.length;
}

/**
 * Whether NFC leaves a cleaned line as it is. Most such lines are only of
 * characters NFC never changes; a line of others (Greek, CJK, emoji, a letter
 * NFC may compose with a mark) is asked of NFC itself, which hands back the same
 * text when it is NFC already.
 */
function isNfc(clean: string): boolean {
  return !BEYOND_NFC_STABLE.test(clean) || clean.normalize('NFC') === clean;
}

/** Whether String.prototype.trim takes the unit c: ECMAScript's WhiteSpace and LineTerminator. */
export function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The blocks of a paragraph, which is then emptied for the next. A block of one line keeps no array of it. */
function addParagraph(blocks: LabelledBlock[], para: Paragraph): void {
  const { lines, clean, final, indents } = para;
  if (isHardWrapped(para)) {
    const joined = clean.slice(0, lines);
    // Final lines joined by a space are final: each is trimmed and holds no break.
    let all = true;
    for (let k = 0; k < lines; k++) all &&= final[k]!;
    blocks.push(block(joined.join(' '), joined, isBullet(joined[0]!), indents[0]!, true, all));
  } else {
    for (let k = 0; k < lines; k++) blocks.push(block(clean[k]!, undefined, isBullet(clean[k]!), indents[k]!, k === 0, final[k]!));
  }
  para.lines = 0;
}

function block(text: string, lines: string[] | undefined, bullet: boolean, indent: number, gapBefore: boolean, final: boolean): LabelledBlock {
  return { lines, text, indent, bullet, gapBefore, final, role: 'body', kind: undefined };
}

/**
 * Prose wrapped by a tool at a fixed width: every line but the last of the
 * paragraph is long and within a few columns of the widest, and no line is a
 * list item. Tools wrap at 60 to 80 columns; a stack of shorter lines (a date,
 * categories, a counter) is page furniture, a line each.
 */
function isHardWrapped({ lines, trimmed, widths }: Paragraph): boolean {
  if (lines < 2) return false;
  let width = 0;
  for (let i = 0; i < lines; i++) width = Math.max(width, widths[i]!);
  if (width < 56 || width > 140) return false;
  for (let i = 0; i < lines - 1; i++) {
    if (widths[i]! < width - 15 || isBullet(trimmed[i]!)) return false;
  }
  return true;
}
