import { existsSync, readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import { classify } from '../lib/classify.js';
import { isTrimmed, segmentText } from '../lib/segment.js';
import { cleanLine, normalizeText } from '../lib/text.js';

const SEEDS = '../shared/seeds/';
const SEEDS_CORPUS = 'corpus/';
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(SEEDS + f, 'utf8'));

const view = (text: string) => segmentText(text).map((b) => ({ lines: b.lines, text: b.text, indent: b.indent, bullet: b.bullet, gapBefore: b.gapBefore }));

t.test('isTrimmed takes exactly the code units String.prototype.trim takes', async (t) => {
  const wrong: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (isTrimmed(c) !== (String.fromCharCode(c).trim() === '')) wrong.push(c.toString(16));
  }
  t.same(wrong, []);
});

t.test('segmentText reads every line break as the split it stands for', async (t) => {
  for (const page of seeds) {
    const lf = page.replace(/\r\n?|\u2028|\u2029/g, '\n');
    t.ok(view(lf).length > 10, 'a page of many blocks');
    // Named by code point: a U+2028 in a test's name would break its TAP line.
    for (const br of ['\r\n', '\r', '\u2028', '\u2029']) t.same(view(lf.replaceAll('\n', br)), view(lf), [...br].map((c) => 'U+' + c.charCodeAt(0).toString(16)).join(' '));
  }
  t.same(view('a\r\n\r\nb\r\rc\u2029\u2028d'), view('a\n\nb\n\nc\n\nd'), 'blank lines of every break');
  t.same(view('a\r\n\nb\n\r\nc'), view('a\n\nb\n\nc'), 'mixed breaks');
});

t.test("segmentText: a line's edges are what trim takes; its indent counts spaces, no-break spaces and tabs as four", async (t) => {
  const prose = 'The committee met on Tuesday to discuss the proposal, which had been|circulated to members a week earlier. Several objections were raised|about the cost.'.split('|');
  const plain = view(prose.join('\n'));
  t.equal(plain.length, 1, 'hard-wrapped prose is one block');
  for (let c = 0; c <= 0xffff; c++) {
    if (!isTrimmed(c) || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) continue;
    const s = String.fromCharCode(c);
    // Space after a line does not make it wider: the paragraph is still joined.
    t.same(view(prose.map((l) => l + s + s).join('\n')), plain, `trailing U+${c.toString(16)}`);
    const [b] = view(s + 'Home' + s);
    t.equal(b!.text, 'Home', `around U+${c.toString(16)}`);
    t.equal(b!.indent, c === 0x20 || c === 0xa0 ? 1 : c === 0x09 ? 4 : 0, `indent of U+${c.toString(16)}`);
  }
  t.same(view('\u200b\u00ad\n\nHome'), view('Home'), 'a line of invisibles only is blank');
  t.same(view(' \t\u00a0 * Home'), [{ lines: undefined, text: '* Home', indent: 7, bullet: true, gapBefore: true }]);
});

t.test('a block of one line carries no lines, a wrapped paragraph its cleaned lines', async (t) => {
  const wrapped = ['The committee met on Tuesday to discuss the proposal, which had been', 'circulated to members\u00a0a week earlier.  Several objections were raised', 'about the cost.'];
  t.same(view(['Home', 'News', '', ...wrapped.map((l) => '   ' + l)].join('\n')), [
    { lines: undefined, text: 'Home', indent: 0, bullet: false, gapBefore: true },
    { lines: undefined, text: 'News', indent: 0, bullet: false, gapBefore: false },
    { lines: [wrapped[0], 'circulated to members a week earlier. Several objections were raised', wrapped[2]], text: wrapped.join(' ').replace('\u00a0', ' ').replace('  ', ' '), indent: 3, bullet: false, gapBefore: true },
  ]);
  for (const page of seeds) {
    for (const b of segmentText(page)) if (b.lines && b.lines.join(' ') !== b.text) t.fail(`a block's lines joined are its text: ${b.text}`);
  }
});

t.test('a block is final exactly when the record will have its text as it is', async (t) => {
  const check = (text: string, name: string) => {
    for (const b of segmentText(text)) {
      if (b.final !== (normalizeText(b.text) === b.text)) t.fail(`${name}: final is ${b.final}, normalized the text is ${normalizeText(b.text) === b.text ? 'the same' : 'changed'}: ${JSON.stringify(b.text)}`);
    }
  };
  const cases = readdirSync(SEEDS_CORPUS).filter((d) => existsSync(`${SEEDS_CORPUS}${d}/input.txt`));
  const pages = [...seeds, ...cases.map((d) => readFileSync(`${SEEDS_CORPUS}${d}/input.txt`, 'utf8'))];
  t.ok(pages.length > 50, `${pages.length} pages`);
  for (const [i, page] of pages.entries()) check(page, `page ${i}`);
  // Every BMP unit inside a line, at its edges, and beside a space.
  for (let c = 0; c <= 0xffff; c++) {
    const u = String.fromCharCode(c);
    check(`a${u}b\n${u}edge${u}\nx ${u} y\nsome words ${u}${u}  and more`, `U+${c.toString(16)}`);
  }
  const finals = (text: string) => segmentText(text).map((b) => b.final);
  t.same(finals('Cafe\u0301\nCaf\u00e9\nShare\u00a0on\u2009other  sites\nNext\u200b line\u00ad'), [false, true, true, true], 'a combining mark; composed; cleaned lines');
  t.same(finals('\u03a9\u03bc\u03ad\u03b3\u03b1 \u65e5\u672c \ud83d\ude00\n\u2126hm\n\u0391\u0301'), [true, false, false], 'NFC already beyond the ranges that skip it; a singleton NFC maps; a mark it composes');
  const wrapped = 'The committee met on Tuesday to discuss the proposal, which had been|circulated to members a week earlier. Several objections were raised|about the cost.'.split('|');
  t.same(finals(wrapped.join('\n')), [true], 'a wrapped paragraph of final lines');
  t.same(finals([wrapped[0], wrapped[1]!.replace('members', 'membe\u0301rs'), wrapped[2]].join('\n')), [false], 'one line that NFC may change');
});

t.test('a page segments the same whatever was segmented before it, longer or shorter', async (t) => {
  // segmentText reads units from an array it reuses: what a longer text left there must not be read.
  const short = '\t\u00a0Home\r';
  const expected = [{ lines: undefined, text: 'Home', indent: 5, bullet: false, gapBefore: true }];
  for (const before of ['x \r\n'.repeat(50_000), 'News\n'.repeat(300_000), ...seeds]) {
    segmentText(before);
    t.same(view(short), expected);
  }
  const pages = [...seeds, 'Home\n\nNews  \u00a0', 'x'.repeat((1 << 20) + 5) + '\r\n\u2028y', short];
  const first = pages.map(view);
  t.same([...pages].reverse().map(view), [...first].reverse());
  t.same(pages.map(view), first);
});

t.test('classify labels the blocks it is handed; classified again, the same document gets the same labels', async (t) => {
  for (const text of seeds) {
    const doc = { id: 'page', source: 'page', format: 'text' as const, text, inputBytes: text.length, meta: {}, blocks: segmentText(text) };
    const first = classify(doc);
    const labels = first.blocks.map((b) => [b.role, b.kind]);
    const removed = JSON.stringify(first.removed);
    t.ok(labels.some(([role]) => role !== 'body'), 'some blocks are labelled other than body');
    const second = classify(doc);
    t.same(second.blocks.map((b) => [b.role, b.kind]), labels);
    t.equal(JSON.stringify(second.removed), removed);
  }
});

t.test('a list item starts with * + - • · ▪ ◦ ‣ or one to three digits and . or ), then space; no other first unit makes one', async (t) => {
  const wrong: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const s = String.fromCharCode(c);
    // Units a line loses or has changed at its start (space, controls, breaks) are not its first.
    if (cleanLine(s + 'x') !== s + 'x') continue;
    const marker = '*+-•·▪◦‣'.includes(s);
    const digit = c >= 48 && c <= 57;
    const cases: [string, boolean][] = [[s + ' Home', marker], [s + '. Home', digit], [s + ') Home', digit], [s + 'Home', false]];
    for (const [line, bullet] of cases) if (segmentText(line)[0]!.bullet !== bullet) wrong.push(JSON.stringify(line));
  }
  t.same(wrong, []);
  t.same(view('1234. Home\n\n12.Home\n\n-\u00a0Home\n\n123) Home').map((b) => b.bullet), [false, false, true, true], 'four digits, no space, a no-break space, three digits');
  // What a list item is, as the pattern it was first written as: the marker, then any unit \s takes.
  const spec = /^(?:[*+•·▪◦‣-]|\d{1,3}[.)])\s+/;
  const after: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const s = String.fromCharCode(c);
    for (const marker of ['*', '‣', '7', '42', '123', '1234', '12a']) {
      for (const line of [`${marker}${s}Home`, `${marker}.${s}Home`, `${marker})${s}Home`]) {
        const blocks = segmentText(line);
        if (blocks.length === 1 && blocks[0]!.bullet !== spec.test(blocks[0]!.text)) after.push(JSON.stringify(line));
      }
    }
  }
  t.same(after, [], 'whatever unit follows the marker');
  // A wrapped paragraph is read before its lines are cleaned: a list item among its lines keeps them apart.
  const prose = ['The committee met on Tuesday to discuss the proposal, which had been', 'circulated to members a week earlier. Several objections were raised', 'about the cost.'];
  const wrapped: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const s = String.fromCharCode(c);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) continue;
    for (const marker of ['-', '•', '9.', '10)']) {
      const first = marker + s + prose[0];
      if (segmentText([first, ...prose.slice(1)].join('\n')).length !== (spec.test(first) ? 3 : 1)) wrapped.push(JSON.stringify(first));
    }
  }
  t.same(wrapped, [], 'whatever unit follows the marker of a wrapped line');
});
