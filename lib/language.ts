// eld names languages in ISO 639-1, as records do, and is about ten times
// faster than franc on the same samples (32 ms against about 430 ms for the
// 181 benchmark bodies, agreeing on all but junk bodies), which matters because
// every text record without a declared language runs it. Its smallest
// database agrees with the larger ones on those bodies and costs about 87 MB
// of memory in each process, against 152 MB (small) and 196 MB (medium).
//
// eld's own detect() spends most of its time and memory on the way it holds
// things, not on what it works out: an object of the text's n-grams, a for-in
// over every n-gram's object of scores (making a string of each language
// index), a copy of the score array and a sorted array of pairs for
// isReliable(). detectEld below follows eld 2.1.0 step by step
// (node_modules/eld/src/languageDetector.js: detect, textProcessor,
// strToUtf8Bytes, getByteNgrams, calculateScores, getMaxLang;
// src/LanguageResult.js: isReliable, orderAndScale; Apache-2.0, Nito T.M.) over
// eld's own database, letters (from its separator pattern), byte dictionary
// and average scores, so it gives eld's answer for every text
// (test/language.test.ts holds it to eld.detect), with the text's n-grams as
// numbers in tables made once, each n-gram's scores turned into numbers the
// first time it is met, and a table of letters instead of the pattern.

/** eld's modules, read from beside the entry its package exports, which exposes none of them. */
interface EldModules {
  ngramsData: { type: string; languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
  separators: RegExp;
  dictionary: string[];
  avgScore: Record<string, number>;
}

/** Where eld 2.1.0 keeps what detect() reads, relative to `eld/extrasmall` (src/entries/static.extrasmall.js). */
export const ELD_FILES = ['../ngrams/extrasmall.js', '../regexPatterns.js', '../dictionary.js', '../avgScore.js'] as const;

async function loadEld(): Promise<EldModules> {
  const entry = import.meta.resolve('eld/extrasmall');
  const [data, patterns, dictionary, average] = await Promise.all(ELD_FILES.map((file) => import(new URL(file, entry).href)));
  const modules: EldModules = {
    ngramsData: data.ngramsData,
    separators: patterns.separators,
    dictionary: dictionary.dictionary,
    avgScore: average.avgScore,
  };
  const { ngramsData, separators } = modules;
  if (
    typeof ngramsData?.ngrams !== 'object' ||
    typeof ngramsData.languages !== 'object' ||
    !(separators instanceof RegExp) ||
    modules.dictionary?.length !== 256 ||
    // One character from 1 to 255 each, as addNgram's numbers need.
    modules.dictionary.some((c) => typeof c !== 'string' || c.length !== 1 || c < '\x01' || c > '\xff') ||
    typeof modules.avgScore?.en !== 'number'
  ) {
    throw new Error(`eld's files are not where or what eld 2.1.0 had them (${entry}): language detection cannot follow it`);
  }
  return modules;
}

const ELD = await loadEld();
const NGRAMS = ELD.ngramsData.ngrams;
/** eld's letters, one flag per UTF-16 unit (surrogates are none), as its separator pattern lists them. */
const LETTER = lettersOf(ELD.separators);
/**
 * The units of the letter class of eld's `separators`, which reads
 * `[^letters]+(?<![\x27\x60\u2019])` with flags gu, the class a list of BMP
 * characters and ranges (regexPatterns.js): anything else and detectEld
 * cannot stand in for it.
 */
function lettersOf(separators: RegExp): Uint8Array {
  const pattern = /^\[\^([^\\\]]*)\]\+\(\?<!\[\\x27\\x60\\u2019\]\)$/.exec(separators.source);
  if (pattern === null || separators.flags !== 'gu') throw new Error(`eld's separator pattern is not the one eld 2.1.0 had: ${separators}`);
  const list = pattern[1];
  const letters = new Uint8Array(0x10000);
  for (let i = 0; i < list.length; ) {
    const low = list.charCodeAt(i);
    const ranged = list.charCodeAt(i + 1) === 0x2d;
    const high = ranged ? list.charCodeAt(i + 2) : low;
    if (!(low <= high) || (low <= 0xdfff && high >= 0xd800)) throw new Error(`eld's letter class has a range it cannot have at ${i}`);
    letters.fill(1, low, high + 1);
    i += ranged ? 3 : 1;
  }
  return letters;
}

/** The apostrophes eld's separator pattern leaves at the end of a run of non-letters. */
function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x60 || c === 0x2019;
}

/**
 * `text.replace(separators, ' ')` without the pattern: a run of non-letters
 * (surrogates among them: the pattern's class holds no astral letters) becomes
 * one space, but for the apostrophes that end it, which its look-behind keeps;
 * a run of nothing but apostrophes stays. A single space, most runs, is
 * already what the pattern makes of it.
 */
export function separate(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    if (LETTER[text.charCodeAt(i)] === 1) {
      i++;
      continue;
    }
    const start = i;
    let last = -1;
    for (; i < text.length && LETTER[text.charCodeAt(i)] === 0; i++) if (!isApostrophe(text.charCodeAt(i))) last = i;
    if (last < 0 || (i - start === 1 && text.charCodeAt(start) === 0x20)) continue;
    out += text.slice(from, start) + ' ';
    from = last + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The ISO 639-1 code of each language index. */
const LANGUAGES: string[] = [];
for (const [index, code] of Object.entries(ELD.ngramsData.languages)) LANGUAGES[Number(index)] = code;
if (LANGUAGES.length === 0 || [...LANGUAGES].some((code) => typeof code !== 'string')) {
  throw new Error('eld\'s languages are not numbered from 0 without gaps');
}
/** eld's character for each UTF-8 byte at or above 0x80 (below, a byte is its own ASCII character). */
const BYTE_CHAR = Uint8Array.from(ELD.dictionary, (c) => c.charCodeAt(0));
/** isReliable()'s bar for each language: its average score times the default ratio 0.75 (NaN where eld has none, as there). */
const RELIABLE_AT = Float64Array.from(LANGUAGES, (code) => ELD.avgScore[code] * 0.75);

/** What eld subtracted from every score in its database. */
const BASE_NGRAM_SCORE = 53;
/** strToUtf8Bytes: past this many bytes eld stops at the next space; past the second, at once. */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
/** getByteNgrams reads the n-grams of at most a word's first 70 bytes (and its last from there to its end). */
const MAX_WORD = 70;

/** The longest n-gram made one number: six of eld's characters (its database holds none longer). */
const SHORT_NGRAM = 6;
/**
 * The n-grams met so far that the database holds, to where their scores are
 * (in the number itself, or in `pool`: their count, then pairs of language
 * index and score with eld's base added back): the short ones by their number
 * (see addNgram) in an open-addressed table (a free slot's first half 0) kept
 * at most half full, the longer by their characters. Made the first time each is met: never more
 * than the database's entries, and most texts meet only a few hundred.
 * Short n-grams the database lacks are kept too, as MISSING, up to
 * MAX_MISSING of them: each such n-gram met again then costs a probe of the
 * table instead of its string made and looked up in eld's object, which was
 * most of the time scoring took; the bound keeps a long run over texts of many
 * languages from growing the table without end (past it they are looked up
 * each time, as before).
 */
let known = new Int32Array(4 * 8192);
/**
 * Each slot of the table is four numbers side by side, so that a probe reads
 * one cache line (the table outgrows the caches the rest of the chain uses,
 * and is mostly out of them when a text comes to be scored): the n-gram's
 * number in two halves (the first three characters, never 0 in a slot in use,
 * and the rest), the number of the last text that had it (the table that finds
 * an n-gram's scores also says whether the current text has had it, as eld's
 * object of n-grams counts each once), and where its scores are (see
 * remember), or MISSING.
 */
const LOW = 0;
const HIGH = 1;
const SEEN = 2;
const AT = 3;
let knownShift = 32 - 13;
let knownCount = 0;
const MISSING = -1;
/** Below MISSING, an n-gram's one or two languages and scores (see remember). */
const INLINE = -2;
export const MAX_MISSING = 1 << 16;
let missingCount = 0;
const knownLong = new Map<string, number>();
let pool = new Int32Array(4096);
let poolSize = 0;
/** The current text's number, which the table holds for the n-grams it has had. */
let stamp = 0;
/**
 * The current text's n-grams that the table does not keep, by their
 * characters: the longer ones (a long word's last), and the short ones the
 * database lacks that come past MAX_MISSING.
 */
const textNgrams = new Set<string>();
/** How many different n-grams the current text has. */
let ngramCount = 0;
const scores = new Float64Array(LANGUAGES.length);
/**
 * The text as eld reads it, in its characters (one per UTF-8 byte), each word
 * with a space before and after it, so that every n-gram, its spaces included,
 * is a run of it: at most the 384 bytes eld reads, a space before them and
 * one after.
 */
const bytes = Buffer.alloc(ENFORCE_CUT_AFTER + 6);
/** Where each of the text's words ends in `bytes` (at the space after it). */
const wordEnds = new Int32Array(ENFORCE_CUT_AFTER + 4);

/** Starts a text: no n-grams, no scores. */
function clearText(): void {
  if (++stamp === 0x7fffffff) {
    for (let slot = SEEN; slot < known.length; slot += 4) known[slot] = 0;
    stamp = 1;
  }
  textNgrams.clear();
  ngramCount = 0;
  scores.fill(0);
}

/** Whether the current text has had the n-gram, which it then has. */
function seenInText(ngram: string): boolean {
  if (textNgrams.has(ngram)) return true;
  textNgrams.add(ngram);
  return false;
}

/**
 * The current text's n-grams in eld's order (at most one starts at each unit
 * of `bytes`): where each starts and ends there and, up to SHORT_NGRAM
 * characters, its number in two halves (each character from 1 to 255, so no
 * two n-grams share one: the first three in the low 24 bits, the rest above)
 * and the slot of the table where its probe stopped when it was listed: its
 * own, or the free one it would take.
 */
const ngramFrom = new Int32Array(bytes.length);
const ngramTo = new Int32Array(bytes.length);
const ngramLow = new Int32Array(bytes.length);
const ngramHigh = new Int32Array(bytes.length);
const ngramSlot = new Int32Array(bytes.length);
let listed = 0;
/** knownShift when the n-grams were listed: a table grown since holds them elsewhere. */
let listedShift = 0;

/**
 * getByteNgrams over the text's words (4 bytes at a stride of 3 over a word's
 * first 70, the first with the space before it, and a last with the space
 * after it that runs to the word's end, however long the word) into the lists
 * above, each short one looked up in the table; the number of n-grams. The
 * table is mostly out of the caches when a text comes to be scored (the rest
 * of the chain runs between two texts): looked up here, apart from the
 * scoring, the probes do not wait on each other's misses, and the slots come
 * in together rather than one after another.
 */
function listNgrams(words: number): number {
  listed = 0;
  listedShift = knownShift;
  for (let w = 0, start = 1; w < words; start = wordEnds[w++] + 1) {
    const end = wordEnds[w];
    const len = Math.min(end - start, MAX_WORD);
    let j = 0;
    for (; j + 4 < len; j += 3) listNgram(j === 0 ? start - 1 : start + j, start + j + 4);
    listNgram(j === 0 ? start - 1 : start + len - 4, end + 1);
  }
  return listed;
}

/** The n-gram bytes[from, to) into the lists. */
function listNgram(from: number, to: number): void {
  const n = listed++;
  ngramFrom[n] = from;
  ngramTo[n] = to;
  if (to - from > SHORT_NGRAM) return;
  let low = 0;
  let high = 0;
  const mid = Math.min(to, from + 3);
  for (let i = mid - 1; i >= from; i--) low = (low << 8) | bytes[i];
  for (let i = to - 1; i >= mid; i--) high = (high << 8) | bytes[i];
  ngramLow[n] = low;
  ngramHigh[n] = high;
  ngramSlot[n] = probe(low, high, (ngramHash(low, high) >>> knownShift) << 2);
}

/**
 * The slot from `slot` on that holds the n-gram, or the free one where it
 * would go. No slot is ever emptied or moved but when the table grows, so an
 * n-gram stored since its probe stopped at a free slot is at or after it.
 */
function probe(low: number, high: number, slot: number): number {
  const mask = known.length - 4;
  while (known[slot + LOW] !== 0 && (known[slot + LOW] !== low || known[slot + HIGH] !== high)) slot = (slot + 4) & mask;
  return slot;
}

/** calculateScores for the text's n-th n-gram, if the text has not had it. */
function addNgram(n: number): void {
  let at: number | undefined;
  if (ngramTo[n] - ngramFrom[n] > SHORT_NGRAM) {
    const ngram = bytes.toString('latin1', ngramFrom[n], ngramTo[n]);
    if (seenInText(ngram)) return;
    ngramCount++;
    at = knownLong.get(ngram);
    if (at === undefined) {
      const entry = NGRAMS[ngram];
      if (entry === undefined) return;
      at = remember(ngram, entry);
      knownLong.set(ngram, at);
    }
  } else {
    const low = ngramLow[n];
    const high = ngramHigh[n];
    const slot = probe(low, high, knownShift === listedShift ? ngramSlot[n] : (ngramHash(low, high) >>> knownShift) << 2);
    if (known[slot + LOW] !== 0) {
      if (known[slot + SEEN] === stamp) return;
      known[slot + SEEN] = stamp;
      at = known[slot + AT];
    } else {
      const ngram = bytes.toString('latin1', ngramFrom[n], ngramTo[n]);
      const entry = NGRAMS[ngram];
      if (entry === undefined && missingCount === MAX_MISSING) {
        if (!seenInText(ngram)) ngramCount++;
        return;
      }
      if (entry === undefined) missingCount++;
      at = entry === undefined ? MISSING : remember(ngram, entry);
      known[slot + LOW] = low;
      known[slot + HIGH] = high;
      known[slot + SEEN] = stamp;
      known[slot + AT] = at;
      if (++knownCount * 8 > known.length) growKnown();
    }
    ngramCount++;
  }
  if (at >= 0) {
    for (let i = at + 1, end = at + 1 + 2 * pool[at]; i < end; i += 2) scores[pool[i]] += pool[i + 1];
  } else if (at < MISSING) {
    const inline = INLINE - at;
    scores[(inline >> 9) & 0x3f] += inline & 0x1ff;
    const second = inline >>> 15;
    if (second !== 0) scores[second >> 9] += second & 0x1ff;
  }
}

function ngramHash(low: number, high: number): number {
  return Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
}

/** The table of known short n-grams at twice the size, each where it now hashes. */
function growKnown(): void {
  const old = known;
  known = new Int32Array(2 * old.length);
  knownShift--;
  const mask = known.length - 4;
  for (let i = 0; i < old.length; i += 4) {
    if (old[i + LOW] === 0) continue;
    let slot = (ngramHash(old[i + LOW], old[i + HIGH]) >>> knownShift) << 2;
    while (known[slot + LOW] !== 0) slot = (slot + 4) & mask;
    known.set(old.subarray(i, i + 4), slot);
  }
}

/**
 * Where an n-gram's scores are, from its entry in the database: an n-gram of
 * one or two languages (87% of them) keeps them in the number itself,
 * INLINE - (first | second << 15), each language and score as language << 9 |
 * score (a second of 0 is none: every score is above 0), which the probe of
 * the table has already read (the pool, like the table, is rarely in a cache
 * when a text is scored); the others' are added to `pool`, and the number is
 * where they start.
 */
function remember(ngram: string, entry: Record<string, number>): number {
  const langs = Object.keys(entry);
  for (const lang of langs) {
    if (!(Number(lang) >= 0 && Number(lang) < LANGUAGES.length)) throw new Error(`eld's n-gram ${JSON.stringify(ngram)} scores a language it does not name`);
  }
  const inline = langs.map((lang) => (Number(lang) << 9) | (entry[lang] + BASE_NGRAM_SCORE));
  const scoresFit = langs.every((lang) => Number.isInteger(entry[lang]) && entry[lang] + BASE_NGRAM_SCORE > 0 && entry[lang] + BASE_NGRAM_SCORE < 512);
  if (langs.length >= 1 && langs.length <= 2 && scoresFit) return INLINE - (inline[0] + (langs.length === 2 ? inline[1] * 0x8000 : 0));
  const at = poolSize;
  poolSize += 1 + 2 * langs.length;
  if (poolSize > pool.length) {
    const grown = new Int32Array(Math.max(2 * pool.length, poolSize));
    grown.set(pool);
    pool = grown;
  }
  pool[at] = langs.length;
  for (let i = 0; i < langs.length; i++) {
    pool[at + 1 + 2 * i] = Number(langs[i]);
    pool[at + 2 + 2 * i] = entry[langs[i]] + BASE_NGRAM_SCORE;
  }
  return at;
}

/** A few paragraphs say the language as surely as the whole text, at a fraction of the time. */
const SAMPLE_CHARS = 1000;
/** Below this, n-gram statistics guess rather than detect. */
const MIN_CHARS = 40;

/** The ISO 639-1 code of the text's language, or null when it is too short or unsure. */
export function detectLanguage(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (!hasLetters(sample, MIN_CHARS)) return null;
  const { language, reliable } = detectEld(sample);
  return language && reliable ? language : null;
}

/** What eld.detect(text) says: its `language` ('' for none) and `isReliable()`. */
export interface EldAnswer {
  language: string;
  reliable: boolean;
}

/** eld.detect(text), as eld 2.1.0 works it out (see the head of this file). */
export function detectEld(text: string): EldAnswer {
  let words = readText(text);
  if (words < 0) words = encode(separate(text.substring(0, 1000)).trim().toLowerCase());
  clearText();
  const ngrams = listNgrams(words);
  for (let n = 0; n < ngrams; n++) addNgram(n);
  // getMaxLang: the first language with the highest score above 0.
  let best = -1;
  let max = 0;
  for (let lang = 0; lang < scores.length; lang++) {
    if (scores[lang] > max) {
      max = scores[lang];
      best = lang;
    }
  }
  if (best < 0) return { language: '', reliable: false };
  return { language: LANGUAGES[best], reliable: isReliable(best, ngramCount) };
}

/**
 * Each letter's lower case where toLowerCase makes it one unit whatever
 * stands around it; 0 for the others (İ lowers to two units, Σ to ς or σ by
 * its neighbours), which only toLowerCase over the whole processed text gets
 * right. No letter lowers to a surrogate.
 */
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (LETTER[c] === 0) continue;
  const lower = String.fromCharCode(c).toLowerCase();
  if ([...lower].some((u) => u.length > 1 || (u >= '\ud800' && u <= '\udfff'))) throw new Error(`a letter of eld's lowers to a surrogate: ${c}`);
  if (/\s/.test(String.fromCharCode(c))) throw new Error(`a letter of eld's is a space to trim(): ${c}`);
  LOWER[c] = lower.length === 1 && c !== 0x3a3 ? lower.charCodeAt(0) : 0;
}

/**
 * eld's processed text (its first 1000 units, each run of non-letters made one
 * space but for the apostrophes that end it, trimmed, in lower case) read into
 * `bytes` straight from the text, in one pass that stops where eld stops
 * reading: no string is made of it, and what eld would not read is not
 * processed. The number of words, or -1 at a letter whose lower case LOWER
 * does not know. The processed text holds no whitespace but the spaces runs
 * become (no letter is one, checked above, and apostrophes are none), so
 * trim() takes only a space before its first character (after its last one,
 * a space ends the last word as the end does).
 */
function readText(text: string): number {
  startBytes();
  const end = Math.min(text.length, 1000);
  for (let i = 0; i < end; ) {
    const c = text.charCodeAt(i);
    if (LETTER[c] === 1) {
      const lower = LOWER[c];
      i++;
      if (lower === 0) return -1;
      // Most letters are ASCII, a byte each, as put counts them.
      if (lower < 0x80) {
        bytes[at++] = lower;
        if (++counted > ENFORCE_CUT_AFTER) return endBytes();
      } else if (!put(lower)) {
        return endBytes();
      }
      continue;
    }
    // A run of non-letters: one space, then the apostrophes that end it (all of it, when it is nothing else).
    const start = i;
    let kept = i;
    for (; i < end; i++) {
      const unit = text.charCodeAt(i);
      if (LETTER[unit] === 1) break;
      if (!isApostrophe(unit)) kept = i + 1;
    }
    if (kept > start && counted > 0 && !put(0x20)) return endBytes();
    for (; kept < i; kept++) if (!put(text.charCodeAt(kept))) return endBytes();
  }
  return endBytes();
}

/** strToUtf8Bytes of a processed text: its characters into `bytes` until eld stops reading; the number of words. */
function encode(text: string): number {
  startBytes();
  for (let i = 0; i < text.length; i++) if (!put(text.charCodeAt(i))) break;
  return endBytes();
}

/** Where the next byte goes in `bytes`, how many words have ended, how many bytes strToUtf8Bytes has counted. */
let at = 1;
let words = 0;
let counted = 0;

function startBytes(): void {
  at = 1;
  words = 0;
  counted = 0;
  bytes[0] = 0x20;
}

/**
 * One unit of the processed text into `bytes`, counted as strToUtf8Bytes
 * counts its UTF-8 bytes; false once eld reads no further: at a space past
 * CUT_AFTER bytes, or past ENFORCE_CUT_AFTER. The processed text holds no
 * surrogate: every one is a separator, and no letter lowers to one.
 */
function put(c: number): boolean {
  if (c === 0x20) {
    if (at > (words === 0 ? 1 : wordEnds[words - 1] + 1)) {
      wordEnds[words++] = at;
      bytes[at++] = 0x20;
    }
    if (counted > CUT_AFTER) return false;
    counted++;
  } else if (c < 0x80) {
    bytes[at++] = c;
    counted++;
  } else if (c < 0x800) {
    bytes[at++] = BYTE_CHAR[0xc0 | (c >> 6)];
    bytes[at++] = BYTE_CHAR[0x80 | (c & 0x3f)];
    counted += 2;
  } else {
    bytes[at++] = BYTE_CHAR[0xe0 | (c >> 12)];
    bytes[at++] = BYTE_CHAR[0x80 | ((c >> 6) & 0x3f)];
    bytes[at++] = BYTE_CHAR[0x80 | (c & 0x3f)];
    counted += 3;
  }
  return counted <= ENFORCE_CUT_AFTER;
}

/** The last word ended where eld stopped; the number of words. */
function endBytes(): number {
  if (at > (words === 0 ? 1 : wordEnds[words - 1] + 1)) {
    wordEnds[words++] = at;
    bytes[at] = 0x20;
  }
  return words;
}

/**
 * LanguageResult's isReliable(): orderAndScale() makes each positive score
 * x = score / n-grams into x / (x + 25) and sorts them (stably) from the top;
 * eld then compares the top one with its language's bar and, as it is written,
 * with the language index (not the score) of the second.
 */
function isReliable(best: number, ngrams: number): boolean {
  if (ngrams < 3) return false;
  // The top two in the stable sort: a tie goes to the lower index.
  let first = -1;
  let top = 0;
  let second = -1;
  let next = 0;
  for (let lang = 0; lang < scores.length; lang++) {
    if (!(scores[lang] > 0)) continue;
    const x = scores[lang] / ngrams;
    const scaled = x / (x + 25);
    if (scaled > top) {
      second = first;
      next = top;
      first = lang;
      top = scaled;
    } else if (scaled > next) {
      next = scaled;
      second = lang;
    }
  }
  const nextScore = second < 0 ? 0 : second;
  return !(RELIABLE_AT[best] > top || 0.01 > Math.abs(top - nextScore));
}

const WORD_CHARS = /[^\s\d\p{P}]+/gu;

/** Whether at least `min` characters (UTF-16 units) are neither space, digit nor punctuation: counts no further. */
function hasLetters(text: string, min: number): boolean {
  // ASCII letters are such characters: a text that opens with enough of them,
  // before any character beyond ASCII, is not asked for each of its characters.
  for (let i = 0, n = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) break;
    if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a && ++n >= min) return true;
  }
  WORD_CHARS.lastIndex = 0;
  let n = 0;
  while (n < min) {
    const m = WORD_CHARS.exec(text);
    if (!m) return false;
    n += m[0].length;
  }
  return true;
}
