/** Character-level cleaning shared by segmentation and the final normalize stage. */

// No-break and typographic spaces print as a space (a rule looking for "Share on
// other sites" must not miss it for a U+00A0), and runs of spaces fold to one.
const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Controls, soft hyphens and zero-width spaces only break tokens apart. The
// zero-width joiners U+200C and U+200D stay: they shape emoji and Indic and
// Persian words.
const INVISIBLES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u180e\u200b\u2060\ufeff]+/g;
// The units either pattern acts on alone.
const ODD_UNIT = String.raw`[\u0000-\u0008\u000b-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff\t]`;
// Anything either pattern could act on (an odd unit, two spaces); most lines
// have none of it. Each stands on a unit outside printable ASCII, and is looked
// for behind such a unit only: a letter, most of any line, is passed over at one
// range check instead of the class's dozen ranges and the space pair.
const NEEDS_CLEANING = new RegExp(String.raw`[^!-~](?<=${ODD_UNIT}| {2})`);

// Anything normalizeText would change besides NFC: the above, other line
// endings, blank-line runs, space at a line's edges.
export const UNCLEAN_TEXT = new RegExp(String.raw`${ODD_UNIT}| {2}|[\r\u0085\u2028\u2029]|\n\n\n|^[ \n]|[ \n]$| \n|\n `);
// NFC leaves alone every character of these ranges (Latin up to the spacing
// modifiers, Cyrillic, the quotes, dashes and ellipsis of general punctuation,
// currency signs), and none of them composes with the character before it: text
// made of them alone is NFC already, and skips ICU.
export const BEYOND_NFC_STABLE = /[^\u0000-\u02ff\u0400-\u0482\u2010-\u205e\u20a0-\u20c0]/;
// Every unit either of the above acts on, as ranges of UTF-16 units: the class
// MAY_CHANGE looks for and the flags lineMayChange reads are both made from them.
const CHANGING_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x09], [0x0b, 0x1f], [0x7f, 0xa0], [0xad, 0xad], [0x300, 0x3ff], [0x483, 0x200f],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x209f], [0x20c1, 0xffff],
];
const unitEscape = (c: number) => '\\u' + c.toString(16).padStart(4, '0');
const CHANGING_UNIT = `[${CHANGING_RANGES.map(([a, b]) => (a === b ? unitEscape(a) : `${unitEscape(a)}-${unitEscape(b)}`)).join('')}]`;
// Either of the above, in the one scan that clean Latin text needs: the pairs of
// spaces and breaks, and every character either acts on in one class. Their
// alternatives one by one, and the anchors, cost the scan half as much again.
const MAY_CHANGE = new RegExp(String.raw` [ \n]|\n(?: |\n\n)|${CHANGING_UNIT}`);
// What lineMayChange looks for, by unit: 1 for a changing unit, 2 for a space
// (a second one in a row is what it looks for).
const LINE_FLAGS = new Uint8Array(0x10000);
for (const [a, b] of CHANGING_RANGES) LINE_FLAGS.fill(1, a, b + 1);
LINE_FLAGS[0x20] = 2;

/** Whether UNCLEAN_TEXT or BEYOND_NFC_STABLE may match: text it clears is output as it is. */
export function mayChange(text: string): boolean {
  const length = String(text).length;
  if (length === 0) return false;
  const first = charCodeAt.call(text, 0);
  const last = charCodeAt.call(text, length - 1);
  return first === 0x20 || first === 0x0a || last === 0x20 || last === 0x0a || MAY_CHANGE.test(text);
}

// mayChange reads texts of many string representations: String.prototype's own
// method, called through this constant, spares each read a megamorphic lookup.
const charCodeAt = String.prototype.charCodeAt;

// A text's units are read from a typed array they are copied into (a memcpy for
// most texts) rather than by charCodeAt, which dispatches on the string's
// representation at every read. The array is kept for the next text unless it
// is longer than UNITS_KEPT units.
const UNITS_KEPT = 1 << 20;
let unitStore: Uint16Array = new Uint16Array(4096);
let unitBytes = Buffer.from(unitStore.buffer);
// Buffer writes UTF-16 little-endian; typed arrays read the platform's order.
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The UTF-16 units of text: the first text.length of the array, which the next call writes over. */
export function unitsOf(text: string): Uint16Array {
  let units = unitStore;
  let bytes = unitBytes;
  if (units.length < text.length) {
    units = new Uint16Array(text.length + (text.length >> 2));
    bytes = Buffer.from(units.buffer);
    if (units.length <= UNITS_KEPT) {
      unitStore = units;
      unitBytes = bytes;
    }
  }
  bytes.write(text, 0, 'utf16le');
  if (!LITTLE_ENDIAN) bytes.subarray(0, 2 * text.length).swap16();
  return units;
}

// lineMayChange reads units two at a time, through a view of their memory made
// once for each array it is handed; FIRST and SECOND place each unit in the pair.
let paired: Uint16Array = new Uint16Array(0);
let pairs: Uint32Array = new Uint32Array(0);
const FIRST = LITTLE_ENDIAN ? 0 : 16;
const SECOND = 16 - FIRST;

/**
 * Whether cleanTrimmed or NFC may change the trimmed line units[from, to), which
 * holds no line break: two spaces in a row, or a unit of CHANGING_UNIT (NEEDS_CLEANING
 * or BEYOND_NFC_STABLE in one look). A line this clears is output by normalizeText
 * as it is; one it does not clear is, once cleaned, when BEYOND_NFC_STABLE clears it
 * (cleaning leaves normalizeText nothing else to do). units starts at a multiple of
 * four bytes in its buffer, as unitsOf's arrays do.
 *
 * Read from a table of flags in a loop that does not branch on what it reads. The
 * pattern it replaces (two spaces, or a changing unit behind one outside printable
 * ASCII) branched at every space, which prose makes unforeseeable: about 2.3 ns a
 * unit over the dumps' lines against 0.9 for [^ -~] alone; this loop takes 1.2 a
 * unit read one at a time, less two at a time.
 */
export function lineMayChange(units: Uint16Array, from: number, to: number): boolean {
  if (units !== paired) {
    paired = units;
    pairs = new Uint32Array(units.buffer, units.byteOffset, units.length >> 1);
  }
  // A changing unit shows at once; a space, when the unit before was one too.
  let seen = 0;
  let before = 0;
  let i = from;
  if (i & 1 && i < to) {
    before = LINE_FLAGS[units[i++]!]!;
    seen = before & 1;
  }
  for (let k = i >> 1; k < to >> 1; k++) {
    const pair = pairs[k]!;
    const first = LINE_FLAGS[(pair >>> FIRST) & 0xffff]!;
    const second = LINE_FLAGS[(pair >>> SECOND) & 0xffff]!;
    seen |= (first & (before | 1)) | (second & (first | 1));
    before = second;
  }
  if (to & 1 && i < to) seen |= LINE_FLAGS[units[to - 1]!]! & (before | 1);
  return seen !== 0;
}

/** One line as a reader sees it: odd spaces made plain, invisibles gone, space folded. */
export function cleanLine(line: string): string {
  return cleanTrimmed(line.trim());
}

/** cleanLine of a line that trim leaves as it is. */
export function cleanTrimmed(trimmed: string): string {
  if (!NEEDS_CLEANING.test(trimmed)) return trimmed;
  return trimmed.replace(INVISIBLES, '').replace(SPACES, ' ').trim();
}

/**
 * Output text: NFC, every line ending as `\n` (U+2028 a line, U+2029 a paragraph),
 * lines cleaned, runs of blank lines folded to one.
 */
export function normalizeText(text: string): string {
  // Text assembled from cleaned blocks is usually clean already: check in one scan.
  if (!mayChange(text)) return text;
  if (!UNCLEAN_TEXT.test(text)) return text.normalize('NFC');
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u0085/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .split('\n');
  const out: string[] = [];
  for (const raw of lines) {
    const line = cleanLine(raw);
    if (line || (out.length && out[out.length - 1] !== '')) out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
