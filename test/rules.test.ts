import { readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import { RULES } from '../lib/rules/index.js';
import { PAGE_RULES, blockView, pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';

// Every rule is held to the real lines it names: it must remove each of its
// `removes` lines and keep each of its `keeps` lines.
for (const rule of RULES) {
  t.test(rule.kind, async (t) => {
    t.ok(rule.examples.removes.length > 0, 'names at least one real line it removes');
    t.ok(rule.examples.keeps.length > 0, 'names at least one real line it keeps');
    for (const line of rule.examples.removes) {
      const [block] = segmentText(line);
      t.ok(block && rule.matches(block), `removes: ${line}`);
    }
    for (const line of rule.examples.keeps) {
      const [block] = segmentText(line);
      t.notOk(block && rule.matches(block), `keeps: ${line}`);
    }
  });
}

// The page rules look at a block's first and last letters and first word before
// they run a pattern; what they look at must let through every line the pattern
// takes, case folded beyond ASCII (ſ for s) and behind a list marker included.
t.test('page rules: the first look lets through what the patterns take', async (t) => {
  const kind = (line: string) => pageChromeKind(segmentText(line)[0]!);
  t.equal(kind('ſkip to content'), 'skip-link');
  t.equal(kind('SKIP TO CONTENT'), 'skip-link');
  t.equal(kind('Moſt popular'), 'related-links');
  t.equal(kind('o Related Articles'), 'related-links', 'a lynx sub-list marker, not a bullet to segment');
  t.equal(kind('* Tagſ: Syria, Iraq'), 'label-list');
  t.equal(kind('1. Sign in'), 'sign-in-prompt');
  t.equal(kind('| Share'), 'share-prompt', 'a row of buttons starting with a separator');
  t.equal(kind('Posted: 12 März 2024'), 'dateline');
  t.equal(kind('Photo: John Locher, AP'), 'image-caption');
});

// pageChromeKind asks only the rules whose needs (a length bound, a digit, a
// keyword) a block has: it must still name the first rule whose own `matches`
// takes the block, on every line of the corpus's text pages and on every rule's
// lines padded to either side of every length bound.
t.test('page rules: pageChromeKind names the first rule that matches', async (t) => {
  const texts: string[] = [];
  for (const name of readdirSync('corpus')) {
    try {
      texts.push(...segmentText(readFileSync(`corpus/${name}/input.txt`, 'utf8')).map((b) => b.text));
    } catch {
      // not a text page
    }
  }
  const bounds = [...new Set(PAGE_RULES.map((r) => r.needs.shorterThan))].filter((n) => n < Infinity);
  t.ok(bounds.length >= 5, 'the rules have length bounds');
  for (const rule of PAGE_RULES)
    for (const line of rule.examples.removes)
      for (const bound of bounds)
        for (const length of [bound - 1, bound]) if (length > line.length) texts.push(line + ' 2019 more'.repeat(length).slice(0, length - line.length));
  let differ = 0;
  for (const text of texts)
    for (const bullet of [false, true]) {
      const block = { lines: [text], text, indent: 0, bullet, gapBefore: true };
      const first = PAGE_RULES.find((r) => r.matches(block))?.kind ?? null;
      if (pageChromeKind(block) !== first) {
        differ++;
        t.equal(pageChromeKind(block), first, text);
      }
    }
  t.equal(differ, 0, `${texts.length} texts, as bullets and not`);
  t.ok(texts.length > 5000, `${texts.length} texts`);
});

t.test('page rules: a list item is read without the marker segment prints, as the pattern reads one', async (t) => {
  const marker = /^(?:[*+•·▪◦‣o-]|\d{1,3}[.)])\s+/;
  const texts = ['* Share', '+ Home', 'o Related', '- Tags: x', '• Sport', '·\u00a0Politik', '▪ a', '◦\tb', '‣  c', '1. Sign in', '12) Item', '123. Item',
    '1234. Item', '1.Item', '*Share', 'oRelated', 'Only', '12', '3.', '7 )', '42.\u3000x', '*', '', '-- © Reuters', '**bold**', '1.5 million'];
  for (const text of texts) {
    const body = blockView({ lines: [text], text, indent: 0, bullet: true, gapBefore: true }).body;
    t.equal(body, text.slice(marker.exec(text)?.[0].length ?? 0), JSON.stringify(text));
  }
});
