import t from 'tap';
import { detectLanguage } from '../lib/language.js';
import { BEYOND_NFC_STABLE, UNCLEAN_TEXT, cleanLine, lineMayChange, mayChange, normalizeText } from '../lib/text.js';
import { segmentText } from '../lib/segment.js';

t.test('normalizeText: NFC, plain spaces, no invisibles, one blank line at most', async (t) => {
  t.equal(normalizeText('Cafe\u0301'), 'Café', 'NFC');
  t.equal(normalizeText('  Share\u00a0on\u2009other   sites \r\n\r\n\r\n\r\nNext\u200b line\u00ad here\u0007'), 'Share on other sites\n\nNext line here');
  t.equal(normalizeText('a\u2028b\u2029c'), 'a\nb\n\nc', 'Unicode line and paragraph separators become line breaks');
  t.equal(normalizeText('👩\u200d💻 \u200cمی\u200cخواهم'), '👩\u200d💻 \u200cمی\u200cخواهم', 'joiners that shape emoji and Persian stay');
  t.equal(normalizeText('already clean\n\ntext'), 'already clean\n\ntext');
  t.equal(normalizeText('one \ntwo\n three'), 'one\ntwo\nthree', 'space at the edge of an inner line');
  t.equal(normalizeText('\nlead and trail '), 'lead and trail', 'space and breaks at the text\'s edges');
  t.equal(normalizeText('a\n\n\nb\u0085c'), 'a\n\nb\nc', 'blank-line runs and NEL');
});

t.test('text that skips ICU is NFC already: every pair of the characters it may hold', async (t) => {
  const stable: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if ((c < 0xd800 || c > 0xdfff) && !BEYOND_NFC_STABLE.test(ch)) stable.push(ch);
  }
  t.ok(stable.length > 1000, `${stable.length} characters skip ICU`);
  let changed = 0;
  for (const a of stable) for (const b of stable) if ((a + b).normalize('NFC') !== a + b) changed++;
  t.equal(changed, 0, 'NFC changes no pair of them');
  t.equal(normalizeText('Ame\u0301lie \u2014 \u201cCafe\u0301\u201d \u20ac5'), 'Amélie — “Café” €5', 'a combining mark beside them still composes');
  t.equal(normalizeText('\u2126hm \u212b'), '\u03a9hm \u00c5', 'singletons just past the ranges are still mapped');
});

t.test('mayChange clears exactly what neither UNCLEAN_TEXT nor BEYOND_NFC_STABLE matches', async (t) => {
  const slow = (s: string) => UNCLEAN_TEXT.test(s) || BEYOND_NFC_STABLE.test(s);
  let differ = 0;
  let cleared = 0;
  for (let c = 0; c < 0x10000; c++) {
    const s = `a${String.fromCharCode(c)}b`;
    if (mayChange(s) !== slow(s)) differ++;
    if (!mayChange(s)) cleared++;
  }
  const parts = ['', ' ', '\n', 'a', '\t', '\r', 'é', '😀'];
  for (const a of parts) for (const b of parts) for (const c of parts) for (const d of parts) {
    for (const s of [a + b + c + d, `x${a}${b}${c}${d}y`]) if (mayChange(s) !== slow(s)) differ++;
  }
  t.equal(differ, 0, 'every character in context, and every string of up to four spaces, breaks and letters');
  t.ok(cleared > 900, `${cleared} characters are cleared`);
});

t.test('lineMayChange says a trimmed line may change exactly when cleaning changes it or BEYOND_NFC_STABLE matches it', async (t) => {
  // The line is read between other units, which must not count (spaces and changing units on
  // either side), from an even and from an odd unit: it is read two units at a time.
  const between = (before: string, s: string) => {
    const around = before + s + ' \u0301';
    const units = new Uint16Array(around.length);
    for (let i = 0; i < around.length; i++) units[i] = around.charCodeAt(i);
    return lineMayChange(units, before.length, before.length + s.length);
  };
  const looks = (s: string) => {
    const even = between('\u00a0 ', s);
    return even === between('\u00a0  ', s) ? even : undefined;
  };
  const spec = (s: string) => cleanLine(s) !== s || BEYOND_NFC_STABLE.test(s);
  const wrong: string[] = [];
  const check = (s: string) => {
    if (s.trim() === s && looks(s) !== spec(s)) wrong.push(JSON.stringify(s));
  };
  // Every unit but the breaks a line never holds, alone and in pairs beside a space.
  for (let c = 0; c < 0x10000; c++) {
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) continue;
    const u = String.fromCharCode(c);
    for (const s of [u, `a${u}b`, `a ${u}b`, `a${u} b`, `a ${u} b`, `a${u}${u}b`, `${u}${u}b${u}`]) check(s);
  }
  // Every pair of units at the edges of the ranges either pattern acts on, and of printable ASCII.
  const edges = [0x00, 0x08, 0x09, 0x0b, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x9f, 0xa0, 0xa1, 0xac, 0xad, 0xae, 0x2ff, 0x300, 0x3ff, 0x400, 0x482, 0x483,
    0x1680, 0x180e, 0x2000, 0x200b, 0x200f, 0x2010, 0x202e, 0x202f, 0x2030, 0x205e, 0x205f, 0x2060, 0x209f, 0x20a0, 0x20c0, 0x20c1, 0x3000, 0xd800, 0xdfff, 0xfeff, 0xffff];
  for (const a of edges) for (const b of edges) {
    const [x, y] = [String.fromCharCode(a), String.fromCharCode(b)];
    for (const s of [`${x}${y}`, `a${x}${y}b`, `a${x} ${y}b`, `a ${x}${y} b`]) check(s);
  }
  t.same(wrong, []);
  t.equal(looks('one  two'), true, 'two spaces');
  t.equal(looks('one two three'), false, 'single spaces');
});

t.test('detectLanguage counts letters, not digits or punctuation, before it guesses', async (t) => {
  t.equal(detectLanguage('2024-11-09, 10:31 — “The weather in London was cold and wet all day.”'), null, '37 letters are too few');
  t.equal(detectLanguage('2024-11-09, 10:31 — “The weather in London was cold and wet all day long.”'), 'en', '41 letters are enough');
  t.equal(detectLanguage('Das Wetter in Berlin war heute den ganzen Tag kalt und nass.'), 'de');
});

t.test('cleanLine folds the spaces of a lynx line', async (t) => {
  t.equal(cleanLine('     * Tech\u00a0\u00a0'), '* Tech');
});

t.test('cleanLine leaves a line as it is exactly when UNCLEAN_TEXT finds nothing in it', async (t) => {
  // Its first look passes over most units at one range check; whatever it passes over must need no cleaning.
  const wrong: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c === 0x0a || c === 0x2028 || c === 0x2029) continue;
    const u = String.fromCharCode(c);
    for (const s of [`a${u}b`, `a ${u}b`, `a${u} b`, `a${u}${u}b`, `${u}${u}b${u}`]) {
      if (s.trim() === s && (cleanLine(s) !== s) !== UNCLEAN_TEXT.test(s)) wrong.push(`U+${c.toString(16)} ${JSON.stringify(s)}`);
    }
  }
  t.same(wrong, []);
});

t.test('segmentText: paragraphs, one block per line, hard-wrapped prose joined', async (t) => {
  const blocks = segmentText('Title\n\n   By Someone\n   November 9, 2017\n\n* Home\n* News\n');
  t.same(blocks.map((b) => b.text), ['Title', 'By Someone', 'November 9, 2017', '* Home', '* News']);
  t.same(blocks.map((b) => b.gapBefore), [true, true, false, true, false]);
  t.same(blocks.map((b) => b.indent), [0, 3, 3, 0, 0]);
  t.same(blocks.map((b) => b.bullet), [false, false, false, true, true]);
  const wrapped = segmentText(
    'The committee met on Tuesday to discuss the proposal, which had been\n' +
      'circulated to members a week earlier. Several objections were raised\n' +
      'about the cost.\n',
  );
  t.equal(wrapped.length, 1);
  t.equal(wrapped[0]!.text, 'The committee met on Tuesday to discuss the proposal, which had been circulated to members a week earlier. Several objections were raised about the cost.');
});
