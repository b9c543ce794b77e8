import t from 'tap';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eld } from 'eld/extrasmall';
import { ELD_FILES, MAX_MISSING, detectEld, detectLanguage, separate } from '../lib/language.js';
import { normalizeDocument } from '../lib/index.js';
import { goldenCases, recordFor } from '../scripts/corpus.js';

// detectEld stands in for eld.detect: every text must get eld's very language
// and isReliable(), or records would change.

const BENCH = fileURLToPath(new URL('../../shared/bench/', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));

/** The texts on which detectEld differs from eld.detect, at most a few of them. */
function differing(texts: Iterable<string>): { count: number; differ: string[] } {
  let count = 0;
  const differ: string[] = [];
  for (const text of texts) {
    count++;
    const theirs = eld.detect(text);
    const ours = detectEld(text);
    if (ours.language !== theirs.language || ours.reliable !== theirs.isReliable()) {
      if (differ.length < 5) differ.push(`${JSON.stringify(text.slice(0, 80))}: eld ${theirs.language}/${theirs.isReliable()}, ours ${ours.language}/${ours.reliable}`);
    }
  }
  return { count, differ };
}

/** A body's sample (what detectLanguage hands eld) and windows of the body that start where it does not. */
function * samplesOf(body: string): Generator<string> {
  const sample = body.slice(0, 1000);
  yield sample;
  for (let at = 250; at < body.length; at += 750) yield body.slice(at, at + 1000);
}

t.test('eld 2.1.0 keeps its database, patterns and scores where detectEld reads them', async (t) => {
  const entry = import.meta.resolve('eld/extrasmall');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', entry), 'utf8'));
  t.equal(pkg.name, 'eld');
  t.equal(pkg.version, '2.1.0', 'another eld may score otherwise: check detectEld against its languageDetector.js');
  for (const file of ELD_FILES) t.ok(existsSync(new URL(file, entry)), file);
});

t.test('detectEld answers as eld.detect on every body of the bench, the corpus and the seeds', async (t) => {
  const bodies: string[] = [];
  const text = join(BENCH, 'article-extraction-text');
  for (const f of readdirSync(text)) bodies.push(normalizeDocument({ id: f, source: f, bytes: readFileSync(join(text, f)), ext: '.txt' }).body);
  const html = join(BENCH, 'article-extraction', 'html');
  for (const f of readdirSync(html)) bodies.push(normalizeDocument({ id: f, source: f, bytes: readFileSync(join(html, f)), ext: '.html' }).body);
  for (const c of goldenCases()) bodies.push(recordFor(c).body);
  for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    bodies.push(normalizeDocument({ id: f, source: f, bytes: readFileSync(join(SEEDS, f)), ext: '.txt' }).body);
  }
  t.ok(bodies.length > 400, `${bodies.length} bodies`);
  const { count, differ } = differing(bodies.flatMap((b) => [...samplesOf(b)]));
  t.same(differ, [], `${count} samples`);
  const languages = new Set(bodies.map((b) => detectLanguage(b)));
  t.ok(languages.size > 10, `the bodies are in ${languages.size} languages`);
});

/** A small deterministic generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

t.test('detectEld answers as eld.detect on generated texts', async (t) => {
  const next = random(20261121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const words = readFileSync(join(BENCH, 'article-extraction-text', readdirSync(join(BENCH, 'article-extraction-text'))[7]!), 'utf8')
    .split(/\s+/)
    .filter(Boolean);
  const pieces = [
    // Words of several scripts, cased, with the letters whose lower case is not one unit or depends on context.
    'Straße', 'ÉTÉ', 'Ölçü', 'İstanbul', 'ıi', 'ΟΔΥΣΣΕΥΣ', 'Σ', 'σας', 'Москва', 'Київ', '東京都', 'العربية', 'עברית',
    'हिन्दी', 'ქართული', '한국어', 'ไทย', 'K', 'Å', 'ǅ', 'ﬁ',
    // Separators: spaces, breaks, digits, punctuation runs, apostrophes eld keeps, astral and lone surrogates.
    ' ', ' ', ' ', '\n', '\t', '\u00a0', '  ', '2024', '3,5', '—', '...', '!?', '“', '”', "'", '`', '’', "''", "'.", ".'", '’’',
    '😀', '𝔘𝔫𝔦', '\ud800', '\udc00', '\u0301', '\u200b', '\ufeff',
    // Long words: eld reads 70 bytes of a word and its last n-gram from there to the word's end.
    'x'.repeat(69), 'y'.repeat(71), 'é'.repeat(36), 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt',
  ];
  const texts: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const target = pick([0, 1, 2, 3, 5, 8, 13, 30, 60, 120, 250, 340, 360, 380, 400, 600, 1000, 1200]);
    let s = '';
    while (s.length < target) s += next() < 0.5 ? pick(words) + ' ' : pick(pieces);
    texts.push(next() < 0.5 ? s : s.slice(0, target));
  }
  // Exactly at eld's cuts: a space just past 350 bytes, a character across 380, in one-, two-, three- and four-byte characters.
  for (const unit of ['a', 'é', 'ж', '日', '😀', 'ab ', 'éé ', '日日 ']) {
    for (let n = 80; n < 400; n++) {
      const s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      texts.push(s, `${s} word`, `word ${s}`);
    }
  }
  // A word past 71 bytes ends in a longer n-gram, counted once however often the word comes.
  for (const long of ['q'.repeat(72), 'z'.repeat(75), 'ü'.repeat(40)]) texts.push(`${long} ${long} ab`, `${long} ab ${long}`, `ab ${long}x ${long}`);
  const { count, differ } = differing(texts);
  t.same(differ, [], `${count} texts`);
});

t.test('separate makes of every character what eld\'s separator pattern makes of it', async (t) => {
  const { separators } = await import(new URL('../regexPatterns.js', import.meta.resolve('eld/extrasmall')).href);
  const texts: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    // Alone, between letters, and before a full stop, which the pattern takes with it only if ch is no letter.
    texts.push(ch, `x${ch}y`, `x${ch}.y`, `x.${ch}y`, `${ch}'`);
  }
  const apostrophes = ["'", '`', '’', "''", '’`'];
  const next = random(7);
  for (let i = 0; i < 20000; i++) {
    let s = '';
    const n = Math.floor(next() * 12);
    for (let j = 0; j < n; j++) s += [...apostrophes, 'a', 'é', ' ', '.', '😀', '\ud800', '\udc00', 'Σ', '1', '  '][Math.floor(next() * 15)];
    texts.push(s);
  }
  let differ = 0;
  for (const text of texts) if (separate(text) !== text.replace(separators, ' ')) differ++;
  t.equal(differ, 0, `${texts.length} texts`);
});

t.test('detectEld on texts with nothing to score', async (t) => {
  for (const text of ['', ' ', '1234 5678', '...', '😀😀', "''"]) {
    t.same(detectEld(text), { language: '', reliable: false }, JSON.stringify(text));
    t.equal(eld.detect(text).language, '', JSON.stringify(text));
  }
  t.same(detectEld('Das Wetter in Berlin war heute den ganzen Tag kalt und nass.'), { language: 'de', reliable: true });
  t.same(detectEld('yes'), { language: eld.detect('yes').language, reliable: false }, 'fewer than 3 n-grams are never reliable');
});

t.test('detectEld answers as eld.detect while, and after, it keeps the n-grams the database lacks', async (t) => {
  // Five-letter words make two five-byte n-grams each (" abcd", "bcde "), most of them in no language's list:
  // far more of them than detectEld keeps, then texts of real words with them.
  const next = random(42);
  const letters = 'abcdefghijklmnopqrstuvwxyzäöüéèñçß';
  const word = () => Array.from({ length: 5 }, () => letters[Math.floor(next() * letters.length)]).join('');
  const made: string[] = [];
  const ngrams = new Set<string>();
  while (ngrams.size < 3 * MAX_MISSING) {
    const words = Array.from({ length: 30 }, word);
    for (const w of words) ngrams.add(' ' + w.slice(0, 4)).add(w.slice(1) + ' ');
    made.push(words.join(' '));
  }
  const real = readFileSync(join(BENCH, 'article-extraction-text', readdirSync(join(BENCH, 'article-extraction-text'))[3]!), 'utf8').split(/\s+/);
  for (let i = 0; i < 2000; i++) made.push(Array.from({ length: 20 }, (_, k) => (k % 2 ? word() : real[Math.floor(next() * real.length)])).join(' '));
  const { count, differ } = differing(made);
  t.same(differ, [], `${count} texts, ${ngrams.size} n-grams of made-up words`);
});
