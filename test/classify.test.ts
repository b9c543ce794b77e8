import { readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import { FEATURES, blockStats } from '../lib/block-features.js';
import { BLOCK_MODEL } from '../lib/block-model.js';
import { classify } from '../lib/classify.js';
import { pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';
import type { ClassifiedDocument, SegmentedDocument } from '../lib/types.js';

// Classification on real pages from the corpus: the user's seed dumps (plain text,
// no indentation) and a lynx dump of a benchmark page.

const page = (dir: string) => readFileSync(new URL(`../corpus/${dir}/input.txt`, import.meta.url), 'utf8');

function run(text: string, extra: Partial<SegmentedDocument> = {}): ClassifiedDocument {
  return classify({ id: 'page', source: 'page', format: 'text', text, inputBytes: text.length, meta: {}, blocks: segmentText(text), ...extra });
}

const texts = (doc: ClassifiedDocument, role: string) => doc.blocks.filter((b) => b.role === role).map((b) => b.text);

t.test('a plain dump: headline first, body up to the related links', async (t) => {
  const doc = run(page('seed-001-a3a907b2529063a9'));
  t.same(texts(doc, 'title'), ['ISIS Crushed as Last Stronghold Falls']);
  const body = texts(doc, 'body');
  t.match(body[0], /^The Syrian army has crushed the very last ISIS-held town/);
  t.match(body[body.length - 1], /negotiate a peaceful settlement to the conflict\.$/);
  t.ok(doc.removed.some((r) => r.kind === 'related-links' && r.text === 'Recommended For You'));
  t.notOk(body.some((b) => /Leave a Reply|Akismet/.test(b)), 'the comment form is not body');
});

t.test('a lynx dump: the article found among menus, headline above it', async (t) => {
  const doc = run(page('bench-reuters-com'));
  t.same(texts(doc, 'title'), ['Oversupply angst drags oil lower, stocks drift near highs']);
  const body = texts(doc, 'body');
  t.match(body[0], /^NEW YORK \(Reuters\) - Oil prices fell sharply on Tuesday/);
  t.ok(body.some((b) => b.startsWith('Spot gold XAU= added 0.1%')), 'keeps the short paragraphs near the end');
  t.notOk(body.some((b) => /All Rights Reserved|Newsletters|5 Min Read|FILE PHOTO/.test(b)), 'no menu, footer, reading time or caption');
  t.ok(doc.removed.some((r) => r.kind === 'navigation'), 'menus are removed as navigation');
});

t.test('a headline printed twice is one title, not repeated in the body', async (t) => {
  const doc = run(page('seed-004-091a1e78c0670bde'));
  const headline = 'Syrian army, allies, take last IS stronghold in Syria - commander';
  t.same(texts(doc, 'title'), [headline]);
  t.notOk(texts(doc, 'body').some((b) => b.includes(headline)));
  t.match(texts(doc, 'body')[0], /^BEIRUT \(Reuters\)/, 'the photo caption above the article is not body');
});

t.test('a caption printed twice is kept once', async (t) => {
  const doc = run(page('seed-003-42f5dae60ca3ff59'));
  const caption = 'This frame grab from video provided Wednesday by the government-controlled Syrian Central Military Media';
  t.equal(texts(doc, 'body').filter((b) => b.includes(caption)).length, 1);
  t.same(texts(doc, 'title'), ['And the Good News Is ....!']);
});

t.test('chosen body: only rules and repeats, title from the metadata', async (t) => {
  const lines = [
    'Syrian Army declares victory over ISIS',
    'The Syrian Army declared victory over the Islamic State this week, with the capture of the jihadists\' last stronghold of Albu Kamal.',
    'Share this:',
    'The Syrian Army declared victory over the Islamic State this week, with the capture of the jihadists\' last stronghold of Albu Kamal.',
    'Menu',
  ];
  const text = lines.join('\n\n');
  const doc = run(text, { bodyChosen: true, meta: { title: 'Syrian Army declares victory over ISIS' } });
  t.same(texts(doc, 'title'), [], 'no block becomes the title');
  t.same(texts(doc, 'body'), [lines[1], 'Menu'], 'a short line the model would drop stays: the DOM chose it');
  t.same(
    doc.removed.map((r) => r.kind),
    ['duplicate', 'share-prompt', 'duplicate'],
  );
});

t.test('the shipped block model weighs every feature', async (t) => {
  t.equal(BLOCK_MODEL.weights.length, FEATURES.length);
  t.ok(BLOCK_MODEL.weights.every(Number.isFinite));
});

t.test('a megabyte line of the characters rules look for is one block, classified', async (t) => {
  for (const unit of ['Share ', 'a', '_', '( ', '2019-11-19 ', 'Photo: ', '[x.jpg] ', '©', '1 of 5 ', 'の']) {
    const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const doc = run(line);
    t.equal(doc.blocks.length, 1, JSON.stringify(unit));
  }
});

t.test('function words are counted as written or capitalised, in every listed language', async (t) => {
  const stop = (text: string) => {
    const s = blockStats({ lines: [text], text, indent: 0, bullet: false, gapBefore: true });
    return s.stopWords;
  };
  t.equal(stop('The minister said that the talks had failed.'), 5, 'the, said, that, the, had');
  t.equal(stop('Für die Regierung ist das ein Erfolg'), 5, 'a capitalised German word is looked up in lower case');
  t.equal(stop('Il a été élu président de la République'), 5, 'accented words: il, a, été, de, la');
  t.equal(stop('Это было и не так'), 5, 'Cyrillic: это, было, и, не, так');
  t.equal(stop('tHe THE The'), 2, 'a word with a capital inside is not looked up in lower case unless it starts with one');
  t.equal(stop('İn Theater thereby'), 0, 'no prefix and no longer word counts, nor a dotted capital I');
});

t.test('capitals and numbers are told by a word\'s first letter, ASCII or not; commas and full stops per word', async (t) => {
  const shares = (text: string) => {
    const s = blockStats({ lines: [text], text, indent: 0, bullet: false, gapBefore: true });
    return { words: s.words, caps: s.capitalised, digits: s.numbers, punct: s.punctuation };
  };
  t.same(shares('Paris 2024 3D Ölpreise élan x1 Über'), { words: 7, caps: 3, digits: 2, punct: 0 }, 'Paris, Ölpreise, Über; 2024 and 3D');
  t.same(shares('3rd Über-Ich ДА Да'), { words: 5, caps: 4, digits: 1, punct: 0 }, 'Latin and Cyrillic capitals after a hyphen start words too');
  t.same(shares('a, b. c、d。e'), { words: 5, caps: 0, digits: 0, punct: 4 }, 'ASCII and ideographic commas and full stops');
});

t.test('Chinese and Japanese: a word per ideograph or kana, their particles as function words', async (t) => {
  const count = (text: string) => {
    const s = blockStats({ lines: [text], text, indent: 0, bullet: false, gapBefore: true });
    return [s.words, s.stopWords];
  };
  t.same(count('これは本です'), [6, 4], 'れ, は, で, す are particles; こ and 本 are not');
  t.same(count('我是学生'), [4, 2], 'Chinese 我 and 是');
  t.same(count('Tokyo東京'), [3, 0], 'a Latin word ends where an ideograph follows');
});

t.test('menu separators: | » › · • anywhere, > and / only with whitespace on both sides', async (t) => {
  const separators = (text: string) => blockStats({ lines: [text], text, indent: 0, bullet: false, gapBefore: true }).separators;
  for (const text of ['Home | World', 'Home » World', 'News › Europe', 'Politik · Ausland', '• Sport', 'Home > World > Europe', 'Inicio / Mundo', 'Home\u00a0/\u00a0World'])
    t.ok(separators(text), text);
  for (const text of ['Mix 3/4 cup of flour and/or sugar.', 'x>y held for every input', 'Home /World', 'Home >', '> quoted'])
    t.notOk(separators(text), text);
});

t.test('blockStats names the page rule pageChromeKind names, telling it of the digits it counted', async (t) => {
  const texts = ['Posted 12 March 2024', '5 Min Read', '23 comments', 'Read time: ３ minutes', '٣ comments', 'Page 2 of 5', 'Image 2 of 5', '1 / 5', 'Share'];
  for (const name of readdirSync(new URL('../corpus/', import.meta.url))) {
    try {
      texts.push(...segmentText(page(name)).map((b) => b.text));
    } catch {
      // not a text page
    }
  }
  let differ = 0;
  for (const text of texts) {
    const block = { lines: [text], text, indent: 0, bullet: false, gapBefore: true };
    if (blockStats(block).chrome !== pageChromeKind(block) && differ++ < 5) t.fail(text);
  }
  t.equal(differ, 0, `${texts.length} texts`);
  t.ok(texts.length > 5000);
});
