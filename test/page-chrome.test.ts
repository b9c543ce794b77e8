import { existsSync, readFileSync, readdirSync } from 'node:fs';
import t, { type Test } from 'tap';
import { blockStats } from '../lib/block-features.js';
import { ALL_CUES, ANY_TEXT, cuesOf, finerCuesOf } from '../lib/rules/cue-words.js';
import { type BlockView, PAGE_RULES, blockView, pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';

const kind = (line: string) => pageChromeKind(segmentText(line)[0]!);

t.test('a credit-only caption is taken up to its longest form, letters beyond the basic plane two units each', async (t) => {
  // A capital and 40 more letters, each a surrogate pair, then ", " and the longest agency: 96 units.
  const name = '𝐀'.repeat(41);
  for (const agency of ['AP', 'Getty Images', 'Shutterstock']) {
    t.equal(kind(`${name}, ${agency}`), 'image-caption', `${name.length} units of name, ${agency}`);
    t.equal(kind(`${name}/${agency}`), 'image-caption', 'no space after a slash');
  }
  t.equal(kind('Michael Conroy, AP'), 'image-caption');
  t.not(kind(`${name}𝐀, AP`), 'image-caption', 'a name of 42 letters is no credit');
});

// The cue scan turns a rule away from a block without one of the words its
// pattern needs (cue-words.ts); it must turn away no block the rule takes. Every
// rule is asked about every block of the corpus's text pages and the bench's
// lynx dumps, and about its own lines, as a bullet and not, once with the block's
// cues and once with every cue: the answers must be the same. A cue word missing
// from what a class reads off its list fails here on the lines that hold it.
const benchDumps = '../shared/bench/article-extraction-text';
function pageTexts(): string[] {
  const texts: string[] = [];
  for (const name of readdirSync('corpus')) {
    const input = `corpus/${name}/input.txt`;
    if (existsSync(input)) texts.push(...segmentText(readFileSync(input, 'utf8')).map((b) => b.text));
  }
  for (const name of readdirSync(benchDumps)) texts.push(...segmentText(readFileSync(`${benchDumps}/${name}`, 'utf8')).map((b) => b.text));
  for (const rule of PAGE_RULES) texts.push(...rule.examples.removes, ...rule.examples.keeps);
  return texts;
}

/**
 * Asks every page rule about each text, as a list item and not, with a view `widen` makes of the
 * block's own and with its own: a rule the own view turns away from a block the widened one takes
 * (or whose `admits` the own view fails) fails the test. How many blocks each rule took, and how
 * many it was turned away from.
 */
function turnedAway(t: Test, texts: string[], widen: (view: BlockView) => BlockView, admits = (_cue: number, _view: BlockView) => true) {
  const taken = new Map<string, number>();
  let differ = 0;
  for (const text of texts)
    for (const bullet of [false, true]) {
      const block = { lines: [text], text, indent: 0, bullet, gapBefore: true };
      const view = blockView(block);
      const every = widen(view);
      for (const rule of PAGE_RULES) {
        if (!rule.matches(block, every)) continue;
        taken.set(rule.kind, (taken.get(rule.kind) ?? 0) + 1);
        if (!rule.matches(block, { ...view }) || !admits(rule.cue, view)) {
          differ++;
          t.fail(`${rule.kind} turned away from ${JSON.stringify(text)}${bullet ? ' (a list item)' : ''}`);
        }
      }
    }
  return { taken, differ };
}

t.test('cues: no rule is turned away from a block it takes', async (t) => {
  const texts = pageTexts();
  t.ok(texts.length > 30000, `${texts.length} texts`);
  const cued = PAGE_RULES.filter((rule) => rule.cue !== ANY_TEXT);
  t.ok(cued.length >= 5, cued.map((r) => r.kind).join(', '));
  const { taken, differ } = turnedAway(t, texts, (view) => ({ ...view, cues: ALL_CUES }), (cue, view) => (view.cues & cue) !== 0);
  t.equal(differ, 0, 'every rule takes the same blocks with their cues as with every cue');
  // Each cued rule takes some of these lines, so that the check above has something to check.
  for (const rule of cued) t.ok((taken.get(rule.kind) ?? 0) > 0, `${rule.kind} takes ${taken.get(rule.kind) ?? 0} of the lines`);
});

t.test('first words: no rule is turned away from a block it takes', async (t) => {
  const lines = ['Über den Autor', 'À lire aussi', 'Créer un compte', 'Regístrate', 'Étiquettes: a, b', 'Catégories: x', 'Читайте также', '関連記事',
    'Link kopiëren', 'Réagir', 'Most \t Popular', 'Sign\u00a0in', 'Skip to content’s end', '“Skip to content”', 'Login’', 'ſkip to content', 'Tags—Syria', '• Most popular'];
  // In capitals too, but for a capital O before a space: the patterns read it as lynx's marker "o", the
  // view (markerLength) does not, and pageChromeKind has always turned such a line away.
  const texts = [...pageTexts(), ...lines].flatMap((text) => (/^o\s/i.test(text) ? [text] : [text, text.toUpperCase()]));
  const { taken, differ } = turnedAway(t, texts, (view) => ({ ...view, starts: -1, bodyStarts: -1 }));
  t.equal(differ, 0, 'every rule takes the same blocks with their first words as with every list');
  for (const kind of ['skip-link', 'sign-in-prompt', 'related-links', 'label-list', 'share-prompt', 'comments-heading', 'dateline'])
    t.ok((taken.get(kind) ?? 0) > 0, `${kind} takes ${taken.get(kind) ?? 0} of the lines`);
  for (const line of lines.slice(0, 11)) t.not(kind(line), null, line);
});

t.test('cues: blockStats reads the same cues in its own pass as cuesOf does', async (t) => {
  let differ = 0;
  const texts = pageTexts();
  for (const text of texts)
    for (const bullet of [false, true]) {
      const block = { lines: [text], text, indent: 0, bullet, gapBefore: true };
      const kind = pageChromeKind(block);
      if (blockStats(block).chrome !== kind) {
        differ++;
        t.equal(blockStats(block).chrome, kind, text);
      }
    }
  t.equal(differ, 0, `${texts.length} texts, as bullets and not`);
});

t.test('cues: a text a pattern may read as holding a cue word has every cue', async (t) => {
  // ſ folds to s and the Kelvin sign to k for a pattern with the u flag.
  t.equal(cuesOf('Lin\u212a kopieren'), ALL_CUES);
  t.equal(kind('Lin\u212a kopieren'), 'share-prompt');
  t.equal(cuesOf('ſhare'), ALL_CUES);
  t.equal(kind('Commentaires'), 'comments-heading');
  t.equal(kind('Deixe um comentário'), 'comments-heading', 'a phrase beyond ASCII needs no cue word');
  // General punctuation is no letter: it ends a word and sets no cue.
  t.equal(cuesOf('“Subscribe”') & PAGE_RULES.find((r) => r.kind === 'cookie-notice')!.cue, 0);
  t.equal(kind('“Subscribe”'), 'newsletter-prompt');
  t.equal(cuesOf('the house'), ANY_TEXT, 'no cue word');
});

t.test('finer cues: a unit beyond ASCII ends a word, and gives the classes of the branches that need a unit of its script', async (t) => {
  const cue = (kind: string) => PAGE_RULES.find((r) => r.kind === kind)!.cue;
  t.equal(cuesOf('Café cookies'), ALL_CUES);
  t.not(finerCuesOf('Café cookies') & cue('cookie-notice'), 0, 'a word after the letter');
  t.equal(finerCuesOf('Café cookies') & cue('donation-appeal'), 0);
  t.equal(finerCuesOf('Cookiesé') & cue('cookie-notice'), cue('cookie-notice') & ~ANY_TEXT, 'a word before it');
  t.equal(finerCuesOf('ſhare'), ALL_CUES);
  t.equal(finerCuesOf('Lin\u212a kopieren'), ALL_CUES);
  t.equal(finerCuesOf('the house'), cuesOf('the house'), 'as cuesOf without a unit beyond ASCII');
  // Words whole up to a letter beyond ASCII in the pattern and in the text.
  t.equal(kind('Publicité'), 'widget');
  t.equal(kind('Réagir'), 'comments-heading');
  t.equal(kind('Leia também'), 'related-links');
  // Branches with no ASCII word: a verb, a Cyrillic and a Japanese button.
  t.equal(kind('Mario Rossi è un giornalista del Corriere'), 'author-bio');
  t.equal(kind('Подписывайтесь на наш канал в Telegram'), 'newsletter-prompt');
  t.equal(kind('シェアする'), 'share-prompt');
  t.equal(finerCuesOf('Привет') & cue('author-bio') & ~ANY_TEXT, 0, 'a Cyrillic text has no Latin branch\'s class');
  t.equal(finerCuesOf('été') & cue('share-prompt') & ~ANY_TEXT, 0, 'nor a Latin one a Japanese');
  for (const kind of ['author-bio', 'newsletter-prompt', 'share-prompt']) t.not(finerCuesOf('ẞ') & cue(kind) & ~ANY_TEXT, 0, `a unit of no script the cues know gives every script's classes: ${kind}`);
});

t.test('finer cues: no unit of a script the cues know matches one of another, case aside (but ſ, which gives every class)', async (t) => {
  const scripts = [[0xc0, 0x250], [0x400, 0x530], [0x3000, 0xa000]];
  for (const [from, to] of scripts) {
    const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
    for (const flags of ['iu', 'i']) {
      const script = new RegExp(`[${hex(from!)}-${hex(to! - 1)}]`, flags);
      const strays: string[] = [];
      for (const [a, b] of [[0x41, 0x5b], [0x61, 0x7b], ...scripts.filter(([f]) => f !== from)])
        for (let c = a!; c < b!; c++) if (script.test(String.fromCharCode(c))) strays.push(String.fromCharCode(c));
      t.same(strays, from === 0xc0 && flags === 'iu' ? ['S', 's'] : [], `U+${from!.toString(16)}-U+${(to! - 1).toString(16)}, ${flags}`);
    }
  }
});

t.test('author-bio: a title glued to its article is taken, the name up to where the verb may stand', async (t) => {
  t.equal(kind('Dana Whitfield is aneditor at the Ledger'), 'author-bio', 'no title word of its own: the glued form is looked for');
  t.equal(kind('Dana Whitfield is an editor at the Ledger'), 'author-bio');
  // A capital and 31 more letters beyond the basic plane, two units each: the verb at unit 64.
  const name = `𝐀${'𝐚'.repeat(31)}`;
  t.equal(kind(`${name} is awriter covering Amazon`), 'author-bio');
  t.equal(kind('Dana Whitfield is a reader of the Ledger'), null, 'no title, glued or not');
});

t.test('image-caption: a credit the tail search starts inside of is still read, though the text holds no credit word whole', async (t) => {
  // AGENCY_CREDIT is looked for in the last 60 units: cut there, "IceShutterstock" ends with the credit.
  const tail = `Shutterstock/${'Tenzing Norgay and the monastery gates at dawn'}`;
  t.equal(tail.length, 59);
  const text = `Pilgrims climb the frozen pass above the valley on foot. Ice${tail}x`;
  t.equal(text.length - text.indexOf('Shutterstock'), 60, 'the tail starts at the credit');
  t.equal(kind(text), 'image-caption');
  t.equal(kind(text.replace('Shutterstock', 'Shutterstuck')), null, 'no credit there');
});
