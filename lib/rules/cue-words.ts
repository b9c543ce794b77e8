/**
 * Which rules' words a block holds, found in one pass over its characters.
 *
 * A rule whose pattern cannot match without one of a few words declares them as
 * a cue class (a bit); a block's cues are the OR, over its runs of ASCII letters
 * (case ignored), of the classes each run is a cue word of (or starts with a cue
 * prefix of). A rule is then never asked about a block without its bit.
 *
 * The cue words are read off the very branches a pattern is built from, so that
 * the two cannot drift apart. It is exact, not approximate: a cue word is taken
 * only where the pattern puts a word boundary (a non-letter) on both sides of it,
 * or as a prefix where it only puts one before it. A pattern that needs a unit
 * other than a letter (a ©, a digit, a bracket) declares a unit cue instead.
 *
 * Units from U+00C0 up other than general punctuation (’ “ — …) are read in two
 * ways. cuesOf (and blockStats, in its own pass) gives a text holding one every
 * class. finerCuesOf reads one as the end of a run of ASCII letters, as a pattern
 * does: no such unit matches an ASCII letter of a pattern, nor an ASCII unit such
 * a unit of one, case aside, but ſ (s) and the Kelvin sign (k) with the u flag,
 * which give every class. A branch's ASCII words are read alike, as if such a
 * unit were a punctuation mark; a branch without one gives its class to the
 * texts with a unit of the script of the first such unit it needs (BEYOND).
 */

/** The cues of a text that holds a letter beyond ASCII: every class. */
export const ALL_CUES = -1;
/** A bit every text's cues hold, so that a rule without a cue class (its cue this bit) is asked about every block. */
export const ANY_TEXT = 1 << 30;

/**
 * Branches of an alternation, as regex source, and what the pattern puts around
 * each: `boundedStart` when it reads each branch after a word boundary, the start
 * of the text or whitespace; `boundedEnd` when it asks for a word boundary (or
 * the end, or no letter or number) after each.
 */
export interface CueSource {
  branches: readonly string[];
  boundedStart: boolean;
  boundedEnd: boolean;
}

/**
 * Branches the pattern reads as whole words, between word boundaries (most
 * patterns): a list, or an alternation's source, cut at its top-level bars.
 */
export function wholeWords(branches: readonly string[] | string): CueSource {
  return { branches: typeof branches === 'string' ? branches.split('|') : branches, boundedStart: true, boundedEnd: true };
}

interface Cue {
  word: string;
  prefix: boolean;
}

const CUES: { word: string; prefix: boolean; bit: number }[] = [];
let classes = 0;
let tables: { next: Int32Array; end: Int32Array; units: Int32Array } | undefined;

function newClass(): number {
  if (classes === 30) throw new Error('at most 30 cue classes');
  // A module that loads after a text was scanned (page-chrome's load scans an
  // empty one) declares its classes into tables built anew at the next scan.
  tables = undefined;
  return 1 << classes++;
}

/**
 * The classes with a branch that needs a unit beyond ASCII and holds no ASCII
 * word, by the script of the first such unit it needs (SCRIPTS): finerCuesOf
 * gives a text the classes of the scripts of its units. No unit of one of these
 * scripts matches one of another case aside; a unit of none of them (ẞ, the
 * Ångström sign, Cyrillic's rare variants fold to theirs) gives every script's.
 */
const BEYOND = new Int32Array(3);
const SCRIPTS = ['Latin (U+00C0-U+024F)', 'Cyrillic (U+0400-U+052F)', 'CJK and kana (U+3000-U+9FFF)'];
/** Which of SCRIPTS a unit is of (ſ, which a pattern with the u flag reads as s, of none), or -1. */
export function scriptOf(c: number): number {
  return c < 0x250 ? (c >= 0xc0 && c !== 0x17f ? 0 : -1) : c >= 0x400 && c < 0x530 ? 1 : c >= 0x3000 && c < 0xa000 ? 2 : -1;
}

/** A new cue class for the patterns built from these sources: its bit. A text any of them matches has it. */
export function cueClass(...sources: CueSource[]): number {
  const bit = newClass();
  for (const { branches, boundedStart, boundedEnd } of sources)
    for (const branch of branches) {
      const cue = cueOf(branch, boundedStart, boundedEnd);
      if (typeof cue !== 'number') CUES.push({ ...cue, bit });
      else {
        const script = scriptOf(cue);
        if (script < 0) throw new Error(`cue words: ${branch} needs ${String.fromCharCode(cue)}, of none of ${SCRIPTS.join(', ')}`);
        BEYOND[script]! |= bit;
      }
    }
  return bit;
}

// The classes a unit below U+00C0 that is no letter gives a text (units from there on set every class).
const UNITS = new Int32Array(0xc0);

/** A new cue class for a pattern that cannot match without one of these units (no letters, below U+00C0): its bit. */
export function unitCue(units: string): number {
  const bit = newClass();
  for (const unit of units) {
    if (isLetter(unit) || unit.charCodeAt(0) >= 0xc0) throw new Error(`unit cue ${unit}: a unit below U+00C0 that is no letter`);
    UNITS[unit.charCodeAt(0)]! |= bit;
  }
  return bit;
}

/** A new cue class no word or unit gives, for a caller that sets it itself on a text of a shape it looks for: its bit. */
export function shapeCue(): number {
  return newClass();
}

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isOptional = (c: string | undefined) => c === '?' || c === '*' || c === '{';

/**
 * The word of a branch a text it matches must hold as a whole run of ASCII
 * letters (or, prefix, at the start of one): the longest such word, a whole one
 * before a prefix as long. Read from the branch's leading literal part, up to its
 * first group, class or unknown escape; a run with an optional or repeated letter
 * is a prefix up to it; a unit beyond ASCII ends a run as a punctuation mark
 * does. Where the branch holds no such word, the first unit beyond ASCII it
 * requires.
 */
function cueOf(branch: string, boundedStart: boolean, boundedEnd: boolean): Cue | number {
  let best: Cue | undefined;
  let first = !boundedStart;
  const offer = (word: string, prefix: boolean) => {
    // A run the pattern puts no boundary before may be the tail of a longer one.
    if (word && !first && (!best || word.length > best.word.length || (word.length === best.word.length && best.prefix && !prefix))) best = { word, prefix };
    first = false;
  };
  let word = '';
  // Whether the run being read has been offered as a prefix already, its letters from there on unknown.
  let cut = false;
  const optional = (at: number) => {
    if (!cut) offer(word, true);
    cut = true;
    // Past the quantifier.
    return branch[at] === '{' ? branch.indexOf('}', at) + 1 : at + 1;
  };
  // The first unit beyond ASCII the branch requires, -1 before one.
  let beyond = -1;
  let i = 0;
  for (;;) {
    const c = branch[i];
    if (c === undefined) {
      if (!cut) offer(word, !boundedEnd);
      break;
    }
    const escaped = c === '\\';
    const atom = escaped ? branch[i + 1]! : c;
    const after = branch[i + (escaped ? 2 : 1)];
    if (!escaped && isLetter(c)) {
      if (isOptional(after)) {
        i = optional(i + 1);
        continue;
      }
      word += c.toLowerCase();
      i++;
      if (after === '+') i = optional(i);
      continue;
    }
    if (!escaped && c.charCodeAt(0) >= 0x80) {
      if (!setsAllCues(c.charCodeAt(0)) || FOLDS_TO_ASCII.includes(c)) throw new Error(`cue words: ${branch} holds ${c}, which sets no cue`);
      if (isOptional(after)) {
        i = optional(i + 1);
        continue;
      }
      if (beyond < 0) beyond = c.charCodeAt(0);
    }
    // \b after a letter: a non-letter (or the end) follows, nothing is read.
    if (escaped && atom === 'b') {
      if (!cut) offer(word, false);
      word = '';
      cut = false;
      i += 2;
      continue;
    }
    // One unit that is no letter: \s, an escaped punctuation mark, or a literal one.
    const unit = escaped ? atom === 's' || !/[\da-z]/i.test(atom) : !'()[].|^$+?*{}'.includes(c);
    if (!unit) {
      if (!cut) offer(word, c !== '$');
      break;
    }
    if (isOptional(after)) {
      if (!cut) offer(word, true);
      break;
    }
    if (!cut) offer(word, false);
    word = '';
    cut = false;
    i += (escaped ? 2 : 1) + (after === '+' ? 1 : 0);
  }
  if (!best) {
    if (beyond >= 0) return beyond;
    throw new Error(`cue words: no word in ${branch} that a text it matches must hold`);
  }
  return best;
}

/**
 * The scan's tables: a trie of the cue words over a-z (`next`, 26 moves a state,
 * missing moves into a sink that keeps the prefixes already passed), what a run
 * that ends in a state adds to the cues (`end`; state 0 is the start of a run),
 * and what a unit below U+00C0 that is no letter adds (`units`).
 */
export function cueTables(): { next: Int32Array; end: Int32Array; units: Int32Array } {
  return (tables ??= build());
}

// Built once per process, before its code is optimised: a few loops over the words and their
// states, the 26 moves of each state filled in natively (a loop over them took 10 ms).
function build(): { next: Int32Array; end: Int32Array; units: Int32Array } {
  const room = 1 + CUES.reduce((n, cue) => n + cue.word.length, 0);
  const trie = new Int32Array(room * 26).fill(-1);
  const exact = new Int32Array(room);
  // What a run has passed by a state: the prefixes on its way.
  const passed = new Int32Array(room);
  // Each state's move into it (states are numbered after their parents).
  const moves: number[] = [];
  for (const { word, prefix, bit } of CUES) {
    let state = 0;
    for (let k = 0; k < word.length; k++) {
      const move = state * 26 + word.charCodeAt(k) - 97;
      if (trie[move]! < 0) {
        trie[move] = moves.length + 1;
        moves.push(move);
      }
      state = trie[move]!;
    }
    if (prefix) passed[state]! |= bit;
    else exact[state]! |= bit;
  }
  const states = moves.length + 1;
  for (let s = 1; s < states; s++) passed[s]! |= passed[(moves[s - 1]! / 26) | 0]!;
  const sinks = new Map<number, number>();
  for (let s = 0; s < states; s++) if (!sinks.has(passed[s]!)) sinks.set(passed[s]!, states + sinks.size);
  const next = new Int32Array((states + sinks.size) * 26);
  const end = new Int32Array(states + sinks.size);
  for (let s = 0; s < states; s++) {
    end[s] = s === 0 ? 0 : exact[s]! | passed[s]!;
    next.fill(sinks.get(passed[s]!)!, s * 26, s * 26 + 26);
  }
  for (let s = 1; s < states; s++) next[moves[s - 1]!] = s;
  for (const [mask, s] of sinks) {
    end[s] = mask;
    next.fill(s, s * 26, s * 26 + 26);
  }
  return { next, end, units: UNITS };
}

/** Whether a unit beyond ASCII sets every cue: see the module's comment. */
export function setsAllCues(c: number): boolean {
  return c >= 0xc0 && (c < 0x2000 || c > 0x206f);
}

// ſ and the Kelvin sign, which a case-insensitive pattern with the u flag reads as s and k.
const FOLDS_TO_ASCII = '\u017f\u212a';

/**
 * The classes a unit from U+00C0 on gives a text read finer (finerCuesOf): those of its
 * script where it sets every cue, every class for one that folds to ASCII (ſ, K), none for the rest.
 */
export function beyondCues(c: number): number {
  if (c === 0x17f || c === 0x212a) return ALL_CUES;
  if (!setsAllCues(c)) return 0;
  const script = scriptOf(c);
  return script < 0 ? BEYOND[0]! | BEYOND[1]! | BEYOND[2]! : BEYOND[script]!;
}

/**
 * A text's cues, for a caller that does not read its characters anyway (blockStats does, in
 * countWords). `finer`: a unit beyond ASCII is read as the end of a word that gives the classes
 * of its script (BEYOND, beyondCues; see the module's comment), fewer classes for most texts with
 * one; else such a unit sets every class.
 */
export function cuesOf(text: string, finer = false): number {
  const { next, end, units } = cueTables();
  let cues = ANY_TEXT;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if (lower >= 97 && lower <= 122 && c < 128) {
      state = next[state * 26 + lower - 97]!;
      continue;
    }
    if (c >= 0xc0) {
      const beyond = finer ? beyondCues(c) : setsAllCues(c) ? ALL_CUES : 0;
      if (beyond === ALL_CUES) return ALL_CUES;
      cues |= beyond;
    } else cues |= units[c]!;
    cues |= end[state]!;
    state = 0;
  }
  return cues | end[state]!;
}

/** cuesOf read finer: the same as cuesOf for a text without a unit beyond ASCII. */
export function finerCuesOf(text: string): number {
  return cuesOf(text, true);
}
