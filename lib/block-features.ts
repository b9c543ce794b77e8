import { ALL_CUES, ANY_TEXT, beyondCues, cueTables, setsAllCues } from './rules/cue-words.js';
import { isSpace, pageChromeKind } from './rules/page-chrome.js';
import type { Block } from './types.js';

// What a block looks like, as numbers the block model weighs. Prose has many
// words, many function words (jusText's cue, here for eight languages) and ends
// in sentence punctuation; chrome is short, capitalised, bulleted, matched by a
// rule, and sits among more of the same. Every feature is language-neutral or
// has a list per language, and none depends on how many blocks a page has.

const STOP_WORDS = new Set(
  [
    // English
    'the a an and or but of to in on at for with from by as is are was were be been has have had it its this that these those ' +
      'he she they we you i his her their our not no so if than then there which who what when where will would can could said ' +
      'about after into over also more just all one up out do does did',
    // German
    'der die das den dem des ein eine einer einen und oder aber nicht ist sind war waren wird wurde hat haben mit von zu im in ' +
      'auf für an als auch es sie er wir ich sich dass wie bei nach aus noch nur so wenn um über vor',
    // French
    'le la les un une des du de et ou mais est sont était a ont dans sur pour par avec que qui ne pas ce cette il elle ils nous ' +
      'vous se en au aux plus son sa ses leur comme été être',
    // Spanish
    'el la los las un una unos y o pero es son era fue ha han en por para con que de del al se lo su sus no como más este esta ' +
      'muy también entre',
    // Italian
    'il lo la gli le un uno una e o ma è sono era ha hanno di da in con su per che non si del della dei delle al alla nel nella ' +
      'come anche più questo questa',
    // Portuguese
    'o a os as um uma e ou mas é são era foi tem em no na nos nas por para com que de do da dos das ao não se como mais seu sua',
    // Dutch
    'de het een en of maar is zijn was waren heeft hebben in op aan voor met van dat die niet te er ook als bij om door naar ze hij',
    // Russian
    'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ' +
      'ему для мы они это',
  ]
    .join(' ')
    .split(' '),
);

// The stop words as a trie walked while a word is read, so that no word is cut
// out of the text and hashed to be looked up: one state per prefix, moves on
// ASCII lower-case letters in a typed table, on characters beyond ASCII in a
// map, -1 once the word can no longer be one.
const STOP_FINAL: boolean[] = [false];
const STOP_OTHER = new Map<number, number>();
const STOP_ASCII = ((): Int32Array => {
  const ascii = new Map<number, number>();
  for (const word of STOP_WORDS) {
    let state = 0;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      // No stop word holds an ASCII character other than a lower-case letter: stopStep reads none.
      if (c < 97 || (c > 122 && c < 128)) throw new Error(`stop word ${word}: ASCII letters are lower-case a-z`);
      const [moves, key] = c <= 122 ? [ascii, state * 26 + c - 97] : [STOP_OTHER, state * 0x10000 + c];
      let next = moves.get(key);
      if (next === undefined) {
        next = STOP_FINAL.length;
        STOP_FINAL.push(false);
        moves.set(key, next);
      }
      state = next;
    }
    STOP_FINAL[state] = true;
  }
  const table = new Int32Array(STOP_FINAL.length * 26).fill(-1);
  for (const [key, next] of ascii) table[key] = next;
  return table;
})();
function stopStep(state: number, c: number): number {
  if (c >= 97 && c <= 122) return STOP_ASCII[state * 26 + c - 97]!;
  return c < 128 ? -1 : (STOP_OTHER.get(state * 0x10000 + c) ?? -1);
}

// A capitalised word is looked up in lower case, one code unit at a time (ASCII
// ones in countWords): -1 where lower-casing changes a unit's length ("İ"), which
// no stop word holds.
const LOWER_UNIT = new Map<number, number>();
function lowerUnit(c: number): number {
  let lower = LOWER_UNIT.get(c);
  if (lower === undefined) {
    const s = String.fromCharCode(c).toLowerCase();
    lower = s.length === 1 ? s.charCodeAt(0) : -1;
    LOWER_UNIT.set(c, lower);
  }
  return lower;
}
// What a sentence ends with, looked up by the last code unit (a pattern anchored
// at the end only would try every position of a paragraph).
// A table, not a Set: a Set of numbers hashes the unit (0.3% of a pass).
const SENTENCE_END = new Uint8Array(0x10000);
for (const c of '.!?…:;"”’»)。！？」』') SENTENCE_END[c.charCodeAt(0)] = 1;

// Chinese and Japanese write no spaces: each ideograph or kana counts as a word,
// and the particles that glue Japanese sentences together (and Chinese 的 了 是)
// count as its function words.
const CJK_PARTICLES = new Set([...'のにはをがでともたしてなるれかやへだす的了是在和有我他这'].map((c) => c.charCodeAt(0)));
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** The per-block numbers the model and the region search start from. */
export interface BlockStats {
  words: number;
  // Counts, not shares (share() makes them one): a share is a fraction, which V8
  // keeps in a heap number of its own, four of them for every block.
  /** Words that are function words. */
  stopWords: number;
  /** Words with a capital first letter. */
  capitalised: number;
  /** Words that are numbers. */
  numbers: number;
  /** Commas and full stops inside the text. */
  punctuation: number;
  /** Whether the text holds a menu or breadcrumb separator: | » › · • or a > or / between spaces. */
  separators: boolean;
  ends: boolean;
  /** The first page rule that matches, or null. */
  chrome: string | null;
  /** The text's cue classes (cuesOf in rules/cue-words.ts): the comment section search reads them too. */
  cues: number;
  /** Whether the text holds an ASCII digit. */
  digit: boolean;
}

// Word characters by code unit: ASCII letters and digits (ASCII_CLASS), and
// everything above Latin-1's symbols except the general punctuation, symbol and
// CJK punctuation blocks. One pass over the text, no regex and no token array:
// this runs on every block of every page.
function isWordChar(c: number): boolean {
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  return c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xfe30 && c <= 0xfe6f) && !(c >= 0xff00 && c <= 0xff0f);
}

// Capitals beyond ASCII of the scripts the stop-word lists cover: Latin and Cyrillic.
function isCapital(c: number): boolean {
  return (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x400 && c <= 0x42f);
}

/** Whether the unit c at i is a menu separator: | » › · •, or > or / with whitespace on both sides. */
function isSeparator(text: string, i: number, c: number): boolean {
  if (c === 0x7c || c === 0xbb || c === 0x203a || c === 0xb7 || c === 0x2022) return true;
  return (c === 0x3e || c === 0x2f) && i > 0 && i + 1 < text.length && isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1));
}

/** A count of a block's as a share of its words (of one word where it has none). */
function share(count: number, s: BlockStats): number {
  return count / (s.words || 1);
}

/** A block's stats: they depend on its text and whether it is a list item, nothing else (classify relies on it). */
export function blockStats(block: Block): BlockStats {
  const text = String(block.text);
  countWords(text);
  const digit = COUNTS[ANY_DIGIT] === 1;
  const cues = COUNTS[CUES]!;
  // The page rules read the cues finer; the comment section search reads a text with a unit that sets every
  // cue as having them all (given the finer ones, its output changes on a bench page and a corpus page).
  const sectionCues = COUNTS[SETS_ALL] === 1 ? ALL_CUES : cues;
  return {
    words: COUNTS[WORDS]!,
    stopWords: COUNTS[STOP]!,
    capitalised: COUNTS[CAPS]!,
    numbers: COUNTS[DIGITS]!,
    punctuation: COUNTS[PUNCT]!,
    separators: COUNTS[SEPARATORS] === 1,
    ends: SENTENCE_END[charCodeAt.call(text, text.length - 1)] === 1,
    chrome: pageChromeKind(block, digit, cues),
    cues: sectionCues,
    digit,
  };
}

// What countWords counts, in one array it reuses: the character loop is a
// function of its own, with nothing but small integers in its locals, so that
// V8 optimises it on its own.
const COUNTS = new Int32Array(9);
const WORDS = 0;
const STOP = 1;
const CAPS = 2;
const DIGITS = 3;
const PUNCT = 4;
const SEPARATORS = 5;
// 1 when the text holds an ASCII digit anywhere, which the page rules' view and the comment section search ask.
const ANY_DIGIT = 6;
// The text's cues (cuesOf in cue-words.ts), for the page rules and the comment section search: its runs of ASCII letters walk the cue words' trie here.
const CUES = 7;
// 1 when the text holds a unit that sets every cue (setsAllCues in cue-words.ts).
const SETS_ALL = 8;

// ASCII units by what countWords does with them: most text is ASCII, and one
// look in this table stands for the range tests other units go through.
// 0: anything else.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const PUNCT_UNIT = 4; // , and .
const SEPARATOR_UNIT = 5; // | and the > and / isSeparator reads between spaces

// The word countWords is reading: none, or what its first unit was.
const NO_WORD = 0;
const PLAIN = 1;
const CAPITAL = 2;
const NUMBER = 3;
const ASCII_CLASS = ((): Uint8Array => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (c >= 97 && c <= 122) table[c] = LOWER;
    else if (c >= 65 && c <= 90) table[c] = UPPER;
    else if (c >= 48 && c <= 57) table[c] = DIGIT;
    else if (c === 44 || c === 46) table[c] = PUNCT_UNIT;
    else if (c === 0x7c || c === 0x3e || c === 0x2f) table[c] = SEPARATOR_UNIT;
  }
  return table;
})();

/**
 * String.prototype.charCodeAt, to be called as `charCodeAt.call(text, i)` where
 * a site reads block texts. The bench's blocks come in nine string maps
 * (one-byte, two-byte, sliced, cons, internalized), and a property load off a
 * text (`text.charCodeAt`, `text.length`) turns megamorphic once it has seen a
 * fifth: each is then a probe of V8's stub cache, ~5 ns. Through this constant
 * the target is known whatever the map, and the unit is read inline; the same
 * goes for `text.length` once the text is known to be a string, as String(text)
 * tells the optimizing compiler. In countWords, compiled from feedback read after
 * the fifth map (about half of all runs of blockStats alone over the dumps), the
 * loop took ~27 ms a pass instead of ~16.
 */
const charCodeAt = String.prototype.charCodeAt;

function countWords(text: string): void {
  const { next, stop: stopOf, final, cueEnd, enter, kill, units: cueUnits } = walkTables();
  const length = text.length;
  let words = 0;
  let stop = 0;
  let caps = 0;
  let digits = 0;
  let punct = 0;
  let separators = 0;
  let anyDigit = 0;
  let setsAll = 0;
  let cues = ANY_TEXT;
  // The word being read: NO_WORD, or what it starts with (PLAIN, CAPITAL, NUMBER).
  // One small integer, not three booleans: fewer live values in the loop, none of them a tagged true/false.
  let word = NO_WORD;
  // Where the walk is (walkTables): the word's stop-word trie state and the cue trie's in the run of ASCII letters being read.
  let at = enter[0]!;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? charCodeAt.call(text, i) : 32;
    if (c < 0x80) {
      const k = ASCII_CLASS[c]!;
      if (k === LOWER || k === UPPER) {
        const upper = k === UPPER;
        if (word === NO_WORD) {
          word = upper ? CAPITAL : PLAIN;
          // A word starts after a unit that ended the run of letters before it: the cue trie is at its start too.
          at = enter[1]!;
        }
        // A capitalised word is looked up in lower case; a capital inside a lower-case one is in no stop word.
        else if (upper && word !== CAPITAL) at = kill[at]!;
        at = next[(at << 5) + c - (upper ? 65 : 97)]!;
        // Most units are lower-case letters after a letter: a tight loop reads the rest of the run.
        let j = i + 1;
        for (; j < length; j++) {
          const d = charCodeAt.call(text, j) - 97;
          if (d < 0 || d > 25) break;
          at = next[(at << 5) + d]!;
        }
        i = j - 1;
        continue;
      }
      cues |= cueEnd[at]! | cueUnits[c]!;
      if (k === DIGIT) {
        anyDigit = 1;
        if (word === NO_WORD) word = NUMBER;
        at = enter[0]!;
        continue;
      }
      at = enter[stopOf[at]! + 1]!;
      if (k === PUNCT_UNIT) punct++;
      else if (k === SEPARATOR_UNIT && separators === 0 && isSeparator(text, i, c)) separators = 1;
    } else {
      cues |= cueEnd[at]!;
      at = enter[stopOf[at]! + 1]!;
      // Read finer (finerCuesOf), which the page rules would otherwise do again for most blocks with such a unit.
      if (c < 0xc0) cues |= cueUnits[c]!;
      else {
        cues |= beyondCues(c);
        if (setsAllCues(c)) setsAll = 1;
      }
      if (c >= 0x3040 && isCjk(c)) {
        words++;
        if (CJK_PARTICLES.has(c)) stop++;
        if (word !== NO_WORD) {
          words++;
          word = NO_WORD;
        }
        continue;
      }
      if (isWordChar(c)) {
        if (word === NO_WORD) {
          word = isCapital(c) ? CAPITAL : PLAIN;
          at = enter[1]!;
        }
        const state = stopOf[at]!;
        if (state >= 0) {
          const unit = word === CAPITAL ? lowerUnit(c) : c;
          at = enter[(unit < 0 ? -1 : stopStep(state, unit) | 0) + 1]!;
        }
        continue;
      }
      if (c === 0x3001 || c === 0x3002) punct++;
      else if (separators === 0 && isSeparator(text, i, c)) separators = 1;
    }
    if (word === NO_WORD) continue;
    words++;
    if (word === NUMBER) digits++;
    else if (word === CAPITAL) caps++;
    stop += final[at]!;
    word = NO_WORD;
  }
  COUNTS[WORDS] = words;
  COUNTS[STOP] = stop;
  COUNTS[CAPS] = caps;
  COUNTS[DIGITS] = digits;
  COUNTS[PUNCT] = punct;
  COUNTS[SEPARATORS] = separators;
  COUNTS[ANY_DIGIT] = anyDigit;
  COUNTS[CUES] = cues;
  COUNTS[SETS_ALL] = setsAll;
}

/**
 * countWords' walk through the stop-word trie and the cue trie (cue-words.ts) at
 * once: a state for each pair of their states a text can reach, so that a
 * letter is one move, one load, not two. Walked as two, each letter's two loads
 * (one of them spilled to the stack) were the slowest part of the loop.
 * - `next`: the moves on the lower-case letters, 26 in each state's row of 32 (a shift, not a
 *   multiplication, finds a row, and a row of 16-bit moves is one cache line);
 * - `stop`: the stop-word trie's state (-1 once the word can be none), `final`
 *   1 where that state ends a stop word;
 * - `cueEnd`: what a run of letters that ends there adds to the cues;
 * - `enter`: the state of stop-word state s at the start of a run (index s + 1);
 * - `kill`: the same cue state, the word no stop word (a capital inside a lower-case word).
 * Built anew when the cue tables are (a module that loads later declares more cue classes).
 */
interface Walk {
  tables: ReturnType<typeof cueTables>;
  next: Uint16Array;
  stop: Int32Array;
  final: Int32Array;
  cueEnd: Int32Array;
  enter: Int32Array;
  kill: Int32Array;
  units: Int32Array;
}
let walk: Walk | undefined;
function walkTables(): Walk {
  const tables = cueTables();
  if (walk?.tables === tables) return walk;
  const cueStates = tables.end.length;
  // Each pair's walk state (-1 while unseen), by stop-word state + 1 and cue state: an array, not a Map, which took ~10 ms.
  const ids = new Int32Array((STOP_FINAL.length + 1) * cueStates).fill(-1);
  const pairs: number[] = [];
  const id = (state: number, cue: number): number => {
    const key = (state + 1) * cueStates + cue;
    if (ids[key]! < 0) {
      ids[key] = pairs.length / 2;
      pairs.push(state, cue);
    }
    return ids[key]!;
  };
  for (let state = -1; state < STOP_FINAL.length; state++) id(state, 0);
  for (let cue = 0; cue < cueStates; cue++) id(-1, cue);
  const moves: number[] = [];
  for (let k = 0; 2 * k < pairs.length; k++) {
    const state = pairs[2 * k]!;
    const cue = pairs[2 * k + 1]!;
    for (let d = 0; d < 32; d++) moves.push(d < 26 ? id(state < 0 ? -1 : STOP_ASCII[state * 26 + d]!, tables.next[cue * 26 + d]!) : 0);
  }
  const n = pairs.length / 2;
  if (n > 0xffff) throw new Error(`${n} walk states: more than a Uint16Array holds`);
  const stop = new Int32Array(n);
  const final = new Int32Array(n);
  const cueEnd = new Int32Array(n);
  const kill = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const state = pairs[2 * k]!;
    const cue = pairs[2 * k + 1]!;
    stop[k] = state;
    final[k] = state >= 0 && STOP_FINAL[state] ? 1 : 0;
    cueEnd[k] = tables.end[cue]!;
    kill[k] = ids[cue]!;
  }
  const enter = Int32Array.from({ length: STOP_FINAL.length + 1 }, (_, s) => ids[s * cueStates]!);
  return (walk = { tables, next: Uint16Array.from(moves), stop, final, cueEnd, enter, kill, units: tables.units });
}

/**
 * The indentation of the page's prose: lynx indents paragraph text by three
 * spaces and headings by none; in a plain dump it is 0 everywhere. Features
 * compare against it rather than against a fixed number.
 */
export function proseIndent(blocks: readonly Block[], stats: readonly BlockStats[]): number {
  const weight = new Map<number, number>();
  blocks.forEach((b, i) => {
    const s = stats[i]!;
    if (s.words >= 10 && share(s.stopWords, s) >= 0.15) weight.set(b.indent, (weight.get(b.indent) ?? 0) + s.words);
  });
  let best = 0;
  let bestWeight = -1;
  for (const [indent, w] of weight) if (w > bestWeight) [best, bestWeight] = [indent, w];
  return best;
}

/** Names of the features, in the order of the weights in block-model.ts. */
export const FEATURES = [
  'bias',
  'log_words',
  'stop_ratio',
  'prose', // many words and many function words: jusText's "good" block
  'ends_sentence',
  'punct_per_word',
  'caps_ratio',
  'digit_ratio',
  'bullet',
  'at_prose_indent',
  'deeper_indent',
  'short',
  'rule_match',
  'prev_log_words',
  'prev_stop_ratio',
  'next_log_words',
  'next_stop_ratio',
  'window_prose', // share of prose among the six neighbours
  'window_rule', // share of rule matches among the six neighbours
  'window_bullet',
  'position', // where on the page, 0 at the top, 1 at the bottom
  'separators', // menu and breadcrumb separators: | » › ·
  'headline_like', // a few capitalised words without sentence punctuation
] as const;


// Math.log1p of the word counts most blocks have, worked out once.
const LOG1P = Float64Array.from({ length: 256 }, (_, k) => Math.log1p(k));

const isProse = (s: BlockStats) => (s.words >= 12 && share(s.stopWords, s) >= 0.2 ? 1 : 0);

// rowWriter's sums and per-block values, reused from page to page: a writer's
// rows are all written (featureRows, bodyProbabilities) before the next page's.
let sums = new Float64Array(0);

/** Writes block i's features into a row; neighbours beyond the page count as empty. `indent` is the page's proseIndent. */
function rowWriter(blocks: readonly Block[], stats: readonly BlockStats[], indent: number): (row: Float64Array, i: number) => void {
  const n = blocks.length;
  // Views of one array kept from page to page: five typed arrays of their own
  // were five mallocs a page, each zeroed and later swept.
  if (sums.length < 5 * (n + 1)) sums = new Float64Array(10 * (n + 1));
  // Prefix sums keep the neighbour windows linear in the number of blocks.
  const prose = sums.subarray(0, n + 1);
  const rule = sums.subarray(n + 1, 2 * (n + 1));
  const bullet = sums.subarray(2 * (n + 1), 3 * (n + 1));
  // A block's log word count is its own feature and its neighbours'.
  const logWords = sums.subarray(3 * (n + 1), 4 * (n + 1));
  // So is its share of function words.
  const stopShare = sums.subarray(4 * (n + 1), 5 * (n + 1));
  prose[0] = rule[0] = bullet[0] = 0;
  for (let i = 0; i < n; i++) {
    const s = stats[i]!;
    prose[i + 1] = prose[i]! + isProse(s);
    rule[i + 1] = rule[i]! + (s.chrome ? 1 : 0);
    bullet[i + 1] = bullet[i]! + (blocks[i]!.bullet ? 1 : 0);
    const words = s.words;
    logWords[i] = words < LOG1P.length ? LOG1P[words]! : Math.log1p(words);
    stopShare[i] = share(s.stopWords, s);
  }
  const windowShare = (sums: Float64Array, i: number, own: number) => {
    const lo = Math.max(0, i - 3);
    const hi = Math.min(n, i + 4);
    const count = hi - lo - 1;
    return count > 0 ? (sums[hi]! - sums[lo]! - own) / count : 0;
  };
  return (row, i) => {
    const b = blocks[i]!;
    const s = stats[i]!;
    const prev = i > 0;
    const next = i + 1 < n;
    const own = prose[i + 1]! - prose[i]!;
    row[0] = 1;
    row[1] = logWords[i]!;
    row[2] = stopShare[i]!;
    row[3] = own;
    row[4] = s.ends ? 1 : 0;
    row[5] = Math.min(1, share(s.punctuation, s));
    row[6] = share(s.capitalised, s);
    row[7] = share(s.numbers, s);
    row[8] = b.bullet ? 1 : 0;
    row[9] = b.indent === indent ? 1 : 0;
    row[10] = b.indent > indent ? 1 : 0;
    row[11] = s.words <= 3 ? 1 : 0;
    row[12] = s.chrome ? 1 : 0;
    row[13] = prev ? logWords[i - 1]! : 0;
    row[14] = prev ? stopShare[i - 1]! : 0;
    row[15] = next ? logWords[i + 1]! : 0;
    row[16] = next ? stopShare[i + 1]! : 0;
    row[17] = windowShare(prose, i, own);
    row[18] = windowShare(rule, i, s.chrome ? 1 : 0);
    row[19] = windowShare(bullet, i, b.bullet ? 1 : 0);
    row[20] = n > 1 ? i / (n - 1) : 0;
    row[21] = s.separators ? 1 : 0;
    row[22] = s.words >= 3 && s.words <= 15 && !s.ends && share(s.capitalised, s) >= 0.5 ? 1 : 0;
  };
}

/** One row of features per block (what the training script fits the model to). */
export function featureRows(blocks: readonly Block[], stats: readonly BlockStats[], indent: number): Float64Array[] {
  const write = rowWriter(blocks, stats, indent);
  return blocks.map((_, i) => {
    const row = new Float64Array(FEATURES.length);
    write(row, i);
    return row;
  });
}

// The one row bodyProbabilities writes each block's features into.
const ROW = new Float64Array(FEATURES.length);

/** bodyProbability of every block, through one reused row: classify needs the probabilities, not a row per block. */
export function bodyProbabilities(blocks: readonly Block[], stats: readonly BlockStats[], indent: number, weights: readonly number[]): number[] {
  const write = rowWriter(blocks, stats, indent);
  const p: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    write(ROW, i);
    p.push(bodyProbability(ROW, weights));
  }
  return p;
}

/** Probability that a block belongs to the article body, from a row of features. */
export function bodyProbability(row: Float64Array, weights: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < row.length; k++) z += row[k]! * weights[k]!;
  return 1 / (1 + Math.exp(-z));
}
