import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { blockStats } from '../lib/block-features.js';
import { classify } from '../lib/classify.js';
import { commentSectionStart, headerLineCues, splitComments } from '../lib/comments.js';
import {
  CLOSED_MARK,
  COUNT_MARK,
  FORM_MARK,
  HEADING_MARK,
  POST_END_CUE,
  SECTION_CUE,
  commentCount,
  commentHeading,
  commentsClosed,
  isPostEnd,
  isReplyFormHeading,
  sectionMarks,
} from '../lib/rules/comment-chrome.js';
import { cuesOf } from '../lib/rules/cue-words.js';
import { pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';
import type { Block } from '../lib/types.js';
import { SEEDS } from './helpers.js';

// Real page dumps: the user's seeds, benchmark pages and acceptance pages in corpus/.
const blocksOf = (slug: string): Block[] => segmentText(readFileSync(join(SEEDS, slug, 'input.txt'), 'utf8'));

/** The comment section of a page as classify hands it over: from its start to the end. */
function section(slug: string) {
  const blocks = blocksOf(slug);
  const start = commentSectionStart(blocks);
  return { blocks, start, ...splitComments(start >= 0 ? blocks.slice(start) : []) };
}

t.test('a counter, one numbered comment without a name, then the reply form', async (t) => {
  const s = section('seed-000-9a919d05340c30c3');
  t.equal(s.blocks[s.start]!.text, '1 Comment');
  t.equal(s.comments.length, 1);
  t.match(s.comments[0]!.text, /^This website is doing a great job/);
  t.match(s.comments[0]!.text, /Donation coming your way\.$/);
  t.equal(s.comments[0]!.author, null);
  const kinds = Object.fromEntries(s.removed.map((r) => [r.text, r.kind]));
  t.equal(kinds['1 Comment'], 'comment-count');
  t.equal(kinds['Leave a Reply'], 'comment-form');
  t.equal(kinds['Your email address will not be published. Required fields are marked *'], 'comment-policy');
  t.equal(kinds['This site uses Akismet to reduce spam. Learn how your comment data is processed.'], 'comment-policy');
});

t.test('a reply form with no comments above it', async (t) => {
  const s = section('seed-001-a3a907b2529063a9');
  t.equal(s.blocks[s.start]!.text, 'Leave a Reply');
  t.equal(s.comments.length, 0);
});

t.test('a counter printed again further down: the first is the summary line, the section starts at the last', async (t) => {
  const lines = ['3 Comments', 'The article goes on for a paragraph, with more words than a heading has.', '3 Comments', 'Ana Souza says:', 'I had the same problem last winter and this fixed it for me.', 'Leave a Reply'];
  const blocks = [...segmentText('An article of a hundred words. '.repeat(20)), ...segmentText(lines.join('\n'))];
  t.equal(commentSectionStart(blocks), 3);
  t.equal(commentSectionStart([...blocks.slice(0, 3), ...blocks.slice(4)]), 1, 'printed once, the counter starts it');
});

t.test('pages without a comment section', async (t) => {
  for (const slug of ['seed-002-94ae060d2235aff0', 'seed-003-42f5dae60ca3ff59', 'bench-reuters-com', 'bench-theguardian-com']) {
    t.equal(commentSectionStart(blocksOf(slug)), -1, slug);
  }
});

t.test('a forum thread: the first post is the article, replies quote earlier posts', async (t) => {
  const s = section('seed-004-091a1e78c0670bde');
  t.equal(s.blocks[s.start]!.text, 'Link to comment');
  t.match(s.blocks[s.start - 1]!.text, /Copyright Reuters/, 'the first post stays above the section');
  t.same(
    s.comments.map((c) => c.author),
    ['ELVIS123456', 'Scott', 'retarius', null, 'Rancid', null, null, null, 'ELVIS123456', null],
  );
  t.same(
    s.comments.map((c) => c.quotes.map((q) => q.author)),
    [[], ['ELVIS123456'], [], ['Scott'], [], ['retarius'], ['Rancid'], [], ['Scott'], ['Rancid']],
  );
  for (const c of s.comments) {
    t.notMatch(c.text, /said:|Edited by|Link to comment|Share on other sites/, 'no furniture in the text');
    t.equal(c.posted, null, 'a relative time gives no date');
  }
});

t.test('quoted text belongs to the quote, not to the reply', async (t) => {
  const [first, second] = section('seed-004-091a1e78c0670bde').comments;
  t.match(second!.quotes[0]!.text, /^As each and every ahole who went to fight/);
  t.equal(second!.quotes[0]!.text, first!.text, 'the quote is the whole quoted post');
  t.match(second!.text, /^Some time ago, I read an article about the foreigners/);
  t.match(second!.text, /so I don't have a link\.$/);
  t.notMatch(second!.text, /As each and every ahole/);
});

t.test('"Edited by NAME" names the author and leaves the text', async (t) => {
  const s = section('seed-004-091a1e78c0670bde');
  const edited = s.comments[8]!;
  t.equal(edited.author, 'ELVIS123456');
  t.match(edited.text, /^Sounds like a great idea - let them rot where they are\./);
  t.match(edited.text, /ever thinking the same in the future\.$/);
  t.same(
    s.removed.filter((r) => r.kind === 'edit-note').map((r) => r.text),
    ['Edited by ELVIS123456', 'spell'],
  );
});

t.test('forum chrome after the last post is removed', async (t) => {
  const s = section('seed-004-091a1e78c0670bde');
  const removed = s.removed.map((r) => r.text);
  for (const line of ['Create an account or sign in to comment', 'Sign In Now', '• Recently Browsing 0 members', '• Create New...']) {
    t.ok(removed.includes(line), line);
  }
  t.equal(s.comments.at(-1)!.text.endsWith('And how many civilians did the Russians kill?'), true);
});

t.test('WordPress comments: "NAME on DATE said:" headers', async (t) => {
  const s = section('bench-blog-givewell-org');
  t.equal(s.blocks[s.start]!.text, 'Comments');
  t.ok(s.comments.length >= 10);
  t.same(s.comments[0]!.author, 'Milan Griffes');
  t.same(s.comments[0]!.posted, '2018-09-12T16:47');
  t.same(s.comments[1]!.author, 'Catherine (GiveWell)');
  t.match(s.comments[1]!.text, /^Hi Milan,/);
});

t.test('WordPress comments: a counter with the title, numbered comments, nested replies', async (t) => {
  const s = section('text-en-wp-blog-no-till');
  t.match(s.blocks[s.start]!.text, /^5 thoughts on/);
  t.same(
    s.comments.map((c) => [c.author, c.posted]),
    [
      ['Dave Mercer', '2025-03-03T09:12'],
      ['Ruth Calloway', '2025-03-03T11:40'],
      ['Hannah P.', '2025-03-05T19:58'],
      ['Ruth Calloway', '2025-03-06T08:05'],
      ['Hannah P.', '2025-03-06T12:30'],
    ],
  );
  t.equal(s.comments[0]!.text, 'Great post. Do you lay the cardboard every year or just the first time? My plot gets very weedy over winter.');
});

t.test('comment headers in German, Italian, Dutch', async (t) => {
  t.same(section('text-de-news-waermepumpe').comments.map((c) => c.author), ['HorstW', 'Mia_Kraus', 'Fischer_aus_Ebnet']);
  t.same(section('text-it-blog-pasta').comments.map((c) => c.author), ['Giulia B.', 'Elvira Montanari', 'Paolo da Modena', 'Stefania']);
  t.same(section('text-nl-blog-warmtepomp').comments.map((c) => [c.author, c.posted]), [
    ['Jeroen', '2025-01-15T09:14'],
    ['Anouk van Dam', '2025-01-16T21:37'],
  ]);
});

t.test('Disqus: a guest has no name, and vote counts and buttons are not text', async (t) => {
  const s = section('text-en-disqus-video-shop');
  t.same(s.comments.map((c) => c.author), ['Carla Nunez', 'Ben Whitlock', 'Judy Pruitt', null]);
  t.equal(s.comments[0]!.text, 'I rented every Hitchcock film from that back shelf the summer I was fifteen. Judy never once told me I was too young for any of them. Thank you both.');
});

t.test('phpBB: "Post by NAME » DATE", quotes with their date, signatures', async (t) => {
  const s = section('text-en-phpbb-nvme-boot');
  t.same(
    s.comments.map((c) => [c.author, c.posted, c.quotes.map((q) => [q.author, q.posted])]),
    [
      ['jdb_uk', '2025-01-06T10:03', [['blinkenlights', '2025-01-06T09:12']]],
      ['blinkenlights', '2025-01-06T18:47', [['jdb_uk', '2025-01-06T10:03']]],
      ['ferrite', '2025-01-07T08:15', []],
      ['blinkenlights', '2025-01-07T21:30', [['ferrite', '2025-01-07T08:15']]],
    ],
  );
  for (const c of s.comments) t.notMatch(c.text, /MicroServer Gen10 Plus|Joined:|Post by/);
});

t.test('XenForo: profile lines above the post, "Click to expand" inside the quote', async (t) => {
  const s = section('text-fr-forum-chaudiere');
  t.same(s.comments.map((c) => c.author), ['Thermo_31', 'Gaëlle_R', 'Michel_Plombier']);
  t.equal(s.comments[0]!.quotes[0]!.author, 'Gaëlle_R');
  t.equal(s.comments[0]!.quotes[0]!.text, "Le matin, l'écran affiche le code E133 et les radiateurs sont froids.");
});

t.test('counters in a list of other articles do not start a section', async (t) => {
  const blocks = segmentText(['Other stories', '', '   604 COMMENTS', '', 'A story', '', '   226 COMMENTS', '', 'Another story'].join('\n'));
  t.equal(commentSectionStart([...segmentText('word '.repeat(120)), ...blocks]), -1);
});

t.test('Q&A: a post credited under its text, comments credited at their end', async (t) => {
  const s = section('text-en-qa-sourdough-hydration');
  t.equal(s.blocks[s.start]!.text, 'Improve this question', 'the question is the article');
  t.same(
    s.comments.map((c) => [c.author, c.posted]),
    [
      ['Ward Mar', '2023-10-14T10:01'],
      ['harriet_bakes', '2023-10-14T10:20'],
      ['Ward Mar', '2023-10-14T11:45'],
      ['harriet_bakes', '2023-10-21T18:02'],
      ['Ines K.', '2023-10-15T07:30'],
    ],
  );
  t.equal(s.comments[1]!.text, '@WardMar no, I go straight to the final shape.');
  t.match(s.comments[2]!.text, /^The jump from 65% to 78% is large/);
});

t.test('issue tracker: "NAME commented DATE", timeline events are not comments', async (t) => {
  const s = section('text-en-github-issue-timezone');
  t.same(
    s.comments.map((c) => [c.author, c.posted]),
    [
      ['marlene-o', '2025-03-31'],
      ['ashwin-k', '2025-04-02'],
      ['marlene-o', '2025-04-03'],
    ],
  );
  t.match(s.comments[1]!.text, /^Same here with "America\/Chicago"/);
  t.equal(s.comments[1]!.quotes.length, 1, 'the indented quote of the issue is a quote');
  t.ok(s.removed.some((r) => r.kind === 'timeline-event' && /self-assigned this/.test(r.text)));
});

t.test('reddit: scores and flags are not names; a blockquote repeating a comment quotes it', async (t) => {
  const s = section('text-en-reddit-mushy-rice');
  t.same(s.comments.map((c) => c.author), ['grainofsalt', 'rice_trouble', 'thin_pan_problems', 'basmati_bill']);
  t.same(s.comments[1]!.quotes.map((q) => q.author), ['grainofsalt']);
  t.match(s.comments[1]!.text, /^I never did this part\./);
});

t.test('a quoted comment inside a reply, closed by a rule line', async (t) => {
  const s = section('bench-blog-givewell-org');
  t.ok(s.comments.every((c) => c.author !== null));
  const blocks = segmentText(
    [
      '34.',
      'Guy Hence says:',
      '    November 19, 2019 at 8:22 pm',
      '    averagjoe says:',
      '    November 19, 2019 at 12:28 pm',
      '    The look on Rivers’ face after each of those four (count’em, 4) INTs should end all talk about him going to the Hall of Fame.',
      '    ==============================',
      '    one quick read of your post tells us that you dont know a damn thing about football, the HOF or who should qualify.',
    ].join('\n'),
  );
  const [reply] = splitComments(blocks).comments;
  t.equal(reply!.author, 'Guy Hence');
  t.same(reply!.quotes.map((q) => [q.author, q.posted]), [['averagjoe', '2019-11-19T12:28']]);
  t.match(reply!.text, /^one quick read of your post/);
});

t.test('a name with a comma in it, over a relative time: the time is looked for after the comma', async (t) => {
  const blocks = segmentText(
    [
      'Nunez, Carla • 3 years ago',
      'I rented every Hitchcock film from that back shelf the summer I was fifteen.',
      '',
      'Whitlock, Ben • 2 years ago',
      'Judy never once told me I was too young for any of them. Thank you both.',
      '',
      'Reply',
    ].join('\n'),
  );
  const s = splitComments(blocks);
  t.same(s.comments.map((c) => [c.author, c.text]), [
    ['Nunez, Carla', 'I rented every Hitchcock film from that back shelf the summer I was fifteen.'],
    ['Whitlock, Ben', 'Judy never once told me I was too young for any of them. Thank you both.'],
  ]);
});

t.test("a post's closing line is found before the fold as after it: any case, a bullet, letters beyond ASCII", async (t) => {
  const ends = (text: string) => isPostEnd(segmentText(text)[0]!);
  for (const line of ['Top', 'TOP', '* Top', '• Link to comment', 'Link to Comment', 'Lien vers le commentaire', 'Partager sur d’autres sites', 'Link tö comment', 'Like Quote Reply', 'QUOTE  Reply']) {
    t.ok(ends(line), line);
  }
  for (const line of ['Top Stories', '* Quote', 'Topic', 'Quoted in the report: reply soon', 'Lien vers le commentaire de Jean']) t.notOk(ends(line), line);
});

t.test('a name over whom it replies to, over a relative time: a header of three lines', async (t) => {
  const blocks = segmentText(
    [
      'Carla',
      'I rented every Hitchcock film from that back shelf the summer I was fifteen.',
      '',
      'Ben',
      'in reply to Carla',
      '2 years ago',
      'Judy never once told me I was too young for any of them. Thank you both.',
    ].join('\n'),
  );
  const s = splitComments(blocks);
  t.same(s.comments.map((c) => [c.author, c.text]), [
    [null, 'Carla\nI rented every Hitchcock film from that back shelf the summer I was fifteen.'],
    ['Ben', 'Judy never once told me I was too young for any of them. Thank you both.'],
  ]);
});

t.test('a long header line whose only cue is its verb at the end, over a relative time', async (t) => {
  const blocks = segmentText(
    [
      'Maximilian Alexander von Hohenberg-Schwarzenfeld hat geschrieben:',
      'vor 3 Tagen',
      'Ich habe in jenem Sommer jeden Hitchcock-Film aus dem hinteren Regal ausgeliehen.',
      '',
      'Carla Nunez says',
      '2 days ago',
      'Judy never once told me I was too young for any of them. Thank you both.',
    ].join('\n'),
  );
  const s = splitComments(blocks);
  t.same(s.comments.map((c) => [c.author, c.text]), [
    ['Maximilian Alexander von Hohenberg-Schwarzenfeld', 'Ich habe in jenem Sommer jeden Hitchcock-Film aus dem hinteren Regal ausgeliehen.'],
    ['Carla Nunez', 'Judy never once told me I was too young for any of them. Thank you both.'],
  ]);
  t.equal(commentSectionStart([...segmentText('An article of a hundred words. '.repeat(20)), ...blocks]), 1);
});

t.test('rules anchored at the start turn a line away by its first character as the fold would', async (t) => {
  // After a space every line reaches the fold, which trims it: each rule must
  // answer a line as it answers the same line so led, in any case. Lines: every
  // short line of the corpus's text pages (under the shortest of the rules'
  // length bounds, which the space must not cross), and the rules' own.
  const lines = readdirSync(SEEDS)
    .map((slug) => join(SEEDS, slug, 'input.txt'))
    .filter((path) => existsSync(path))
    .flatMap((path) => segmentText(readFileSync(path, 'utf8')).map((b) => b.text));
  const rules = [commentCount, commentHeading, commentsClosed, { kind: 'reply-form-heading', matches: isReplyFormHeading }];
  lines.push(...[commentCount, commentHeading, commentsClosed].flatMap((r) => r.examples.removes), 'Leave a Reply', 'Deixe uma resposta', 'Zero comments', 'Keine Kommentare', 'Een reactie', 'Unas respuestas', 'Écrire un commentaire', 'Комментарии (2)', 'Кто-то', 'コメント (3)', 'コメントする', 'Ünas', '«Comments»');
  const short = lines.filter((l) => l.length < 40 && /^[^\s*+•·▪◦‣-]/u.test(l)).flatMap((l) => [l, l.toUpperCase()]);
  let differ = 0;
  let taken = 0;
  for (const text of short)
    for (const rule of rules) {
      const plain = rule.matches({ lines: [text], text, indent: 0, bullet: false, gapBefore: true });
      const led = ` ${text}`;
      if (plain !== rule.matches({ lines: [led], text: led, indent: 0, bullet: false, gapBefore: true })) {
        differ++;
        t.fail(`${rule.kind}: ${text}`);
      }
      if (plain) taken++;
    }
  t.equal(differ, 0, `${short.length} lines`);
  t.ok(taken > 50, `${taken} lines taken`);
});

t.test('whom a reply answers is read under a name line in any case, after an arrow, in other languages', async (t) => {
  for (const to of ['in reply to Carla', 'IN REPLY TO Carla', 'In Reply To Carla', '→ Carla', 'Em resposta a Carla', 'Antwort an Carla']) {
    const blocks = segmentText(['Ben', to, '2 years ago', 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'));
    t.same(splitComments(blocks).comments.map((c) => [c.author, c.text]), [['Ben', 'Judy never once told me I was too young for any of them. Thank you both.']], to);
  }
  const blocks = segmentText(['Ben', 'Reply to Carla', '2 years ago', 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'));
  t.notSame(splitComments(blocks).comments.map((c) => c.author), ['Ben'], 'a phrase not on the list');
});

t.test('a name over a relative time written in words, in each language and either case, heads a comment', async (t) => {
  // Without a digit, a relative time is told by its words before the line is folded.
  const times = ['a few minutes ago', 'an hour ago', 'yesterday', 'just now', 'vor einer Stunde', 'gestern', 'il y a une heure', "aujourd'hui", 'hace una hora', 'una ora fa', 'há uma hora', 'uma hora atrás', 'een uur geleden', 'vandaag'];
  const article = segmentText('An article of a hundred words. '.repeat(20));
  for (const time of times.flatMap((w) => [w, w.toUpperCase()])) {
    const blocks = segmentText(
      [`Carla Nunez • ${time}`, 'I rented every Hitchcock film from that back shelf the summer I was fifteen.', '', `Ben Whitlock • ${time}`, 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'),
    );
    t.same(splitComments(blocks).comments.map((c) => c.author), ['Carla Nunez', 'Ben Whitlock'], time);
    t.equal(commentSectionStart([...article, ...blocks]), article.length, time);
    // With each block's cues, as classify hands them over: the time's words are a cue.
    const page = [...article, ...blocks];
    t.equal(commentSectionStart(page, page.map(blockStats)), article.length, `${time}, with cues`);
    // A name over the time on a line of its own: with cues, the time line's words let it be read as one.
    const named = [...article, ...segmentText(['Carla', time, 'I rented every Hitchcock film from that back shelf the summer I was fifteen.', '', 'Ben', time, 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'))];
    t.equal(commentSectionStart(named, named.map(blockStats)), article.length, `a name over ${time}, with cues`);
    t.equal(commentSectionStart(named), article.length, `a name over ${time}`);
  }
  // The same lines with a word that is no relative time are no headers.
  const blocks = segmentText(['Carla Nunez • a few minutes later', 'I rented every Hitchcock film from that back shelf the summer I was fifteen.', '', 'Ben Whitlock • a few minutes later', 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'));
  t.equal(commentSectionStart([...article, ...blocks]), -1);
});

t.test('a says-verb ends a header line in any case, beyond ASCII too, over a date line', async (t) => {
  const article = segmentText('An article of a hundred words. '.repeat(20));
  for (const [name, verb] of [['Carla Nunez', 'says'], ['CARLA NUNEZ', 'SAYS:'], ['Jürgen Weiß', 'schreibt'], ['Renée', 'dit'], ['JOSÉ', 'DICE'], ['Zoë Visser', 'zegt:']]) {
    const blocks = segmentText(
      [`${name} ${verb}`, 'November 9, 2017 at 10:31 pm', 'I rented every Hitchcock film from that back shelf the summer I was fifteen.', '', 'Ben Whitlock says', 'November 10, 2017 at 9:02 am', 'Judy never once told me I was too young for any of them. Thank you both.'].join('\n'),
    );
    t.same(splitComments(blocks).comments.map((c) => [c.author, c.posted]), [[name, '2017-11-09T22:31'], ['Ben Whitlock', '2017-11-10T09:02']], `${name} ${verb}`);
    t.equal(commentSectionStart([...article, ...blocks]), article.length, `${name} ${verb}`);
    const page = [...article, ...blocks];
    t.equal(commentSectionStart(page, page.map(blockStats)), article.length, `${name} ${verb}, with cues`);
  }
});

t.test('the openings walk turns no line away that the counter, the headings or "Comments are closed" take', async (t) => {
  // A line led by a space reaches each rule's pattern (the test above holds the
  // rules to answering it as the line itself): where a rule takes a line so led,
  // the line's bit is set. Lines: every line of the seeds and the corpus's text
  // pages, the rules' examples, in capitals too; most have no bit at all.
  const lines = [...readdirSync(SEEDS).map((slug) => join(SEEDS, slug, 'input.txt')), ...readdirSync('corpus').map((slug) => join('corpus', slug, 'input.txt'))]
    .filter((path) => existsSync(path))
    .flatMap((path) => segmentText(readFileSync(path, 'utf8')).map((b) => b.text));
  lines.push(...[commentCount, commentHeading, commentsClosed].flatMap((r) => r.examples.removes), 'Leave a Reply', 'Deixe uma resposta', 'Reacties zijn gesloten.', 'Écrire un commentaire', 'Комментарии (2)', 'コメントする', 'Ünas');
  const rules: [number, (b: Block) => boolean][] = [
    [COUNT_MARK, (b) => commentCount.matches(b)],
    [HEADING_MARK, (b) => commentHeading.matches(b)],
    [FORM_MARK, isReplyFormHeading],
    [CLOSED_MARK, (b) => commentsClosed.matches(b)],
  ];
  let taken = 0;
  let lettered = 0;
  let marked = 0;
  const all = lines.flatMap((l) => [l, l.toUpperCase()]);
  for (const text of all) {
    const marks = sectionMarks(text);
    // A line opening with an ASCII letter is read for its opening; one opening otherwise may be anything.
    if (/^[a-z]/i.test(text)) {
      lettered++;
      if (marks) marked++;
    }
    const led = ` ${text}`;
    for (const [bit, matches] of rules) {
      if (!matches({ lines: [led], text: led, indent: 0, bullet: false, gapBefore: true })) continue;
      taken++;
      if (!(marks & bit)) t.fail(`bit ${bit} not set for ${JSON.stringify(text)}`);
    }
  }
  t.ok(taken > 100, `${taken} lines taken`);
  t.ok(marked < lettered / 4, `${marked} of ${lettered} lines opening with a letter marked`);
});

t.test('a header line opening with what a comment system prints before the name, or a letter beyond ASCII, heads a comment; a dash or a quote mark does not', async (t) => {
  const article = segmentText('An article of a hundred words. '.repeat(20));
  const comment = (header: string, text: string) => [header, text, ''];
  for (const [carla, ben, author] of [
    ['[–] carla_n 118 points 4 hours ago', '[+] ben_w 12 points 3 hours ago', 'carla_n'],
    ['@carla • 2 hours ago', '@ben • 1 hour ago', 'carla'],
    ['Élodie Martin • il y a 3 heures', 'Ünal Kaya • il y a 2 heures', 'Élodie Martin'],
    ['Ольга says:', 'Борис says:', 'Ольга'],
    ['1stReader on November 9, 2017 said:', '2ndReader on November 10, 2017 said:', '1stReader'],
  ]) {
    const blocks = segmentText(
      [...comment(carla!, 'I rented every Hitchcock film from that back shelf the summer I was fifteen.'), ...comment(ben!, 'Judy never once told me I was too young for any of them. Thank you both.')].join('\n'),
    );
    t.equal(splitComments(blocks).comments[0]?.author, author, carla);
    t.equal(commentSectionStart([...article, ...blocks]), article.length, carla);
  }
  for (const lead of ['— ', '“', '© ']) {
    const blocks = segmentText(
      [...comment(`${lead}Carla Nunez • 2 hours ago`, 'I rented every Hitchcock film from that back shelf the summer I was fifteen.'), ...comment(`${lead}Ben Whitlock • 1 hour ago`, 'Judy never once told me I was too young for any of them. Thank you both.')].join('\n'),
    );
    t.equal(commentSectionStart([...article, ...blocks]), -1, lead);
  }
});

// The section search turns a block away on its cues and digit (classify's
// BlockStats) before any pattern, fold or parse: it must turn away no block a
// check would take. Every line of the corpus's text pages and the bench's lynx
// dumps, in capitals too: a line a post-end check or a section rule takes has
// the cue bit, the header cues read the same with the line's cues as without,
// and every page's section starts where it starts without cues. A word missing
// from what a class reads off its list fails here on the lines that hold it.
const benchDumps = '../shared/bench/article-extraction-text';
function pages(): Block[][] {
  const texts = readdirSync('corpus')
    .map((slug) => join('corpus', slug, 'input.txt'))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, 'utf8'));
  texts.push(...readdirSync(benchDumps).map((name) => readFileSync(join(benchDumps, name), 'utf8')));
  return texts.map((text) => segmentText(text));
}

// A verb before its date ("NAME replied on DATE") is read only in a line whose
// cues hold one of the verbs: these headers are found by that reading alone (a
// label ending in "on"/"op"/"il" is no name), so a verb left out of the cue class
// loses them.
t.test('cues: headers with a verb before the date head comments with the block cues, in any case', async (t) => {
  const comment = 'I had the same problem last winter and this fixed it for me.';
  const headers = ['Ana Souza replied on 3 May 2024', 'Pieter de Vries reageerde op 4 mei 2024', 'Luca Bianchi ha commentato il 5 maggio 2024', 'Jan Weber kommentierte am 6. Mai 2024', 'Rui Costa comentou em 7 de maio de 2024'];
  for (const upper of [false, true]) {
    const lines = headers.flatMap((h) => [h, comment]).map((l) => (upper ? l.toUpperCase() : l));
    const blocks = [...segmentText('An article of a hundred words. '.repeat(20)), ...segmentText(lines.join('\n'))];
    const first = blocks.findIndex((b) => b.text === lines[0]);
    t.equal(commentSectionStart(blocks, blocks.map(blockStats)), first, upper ? 'in capitals' : 'as written');
    t.equal(commentSectionStart(blocks), first, 'the same without cues');
  }
});

t.test('cues: the section search turns away no block a check takes', async (t) => {
  const all = pages();
  t.ok(all.length > 200, `${all.length} pages`);
  let found = 0;
  for (const blocks of all) {
    const start = commentSectionStart(blocks);
    if (start >= 0) found++;
    const stats = blocks.map(blockStats);
    if (commentSectionStart(blocks, stats) !== start) t.fail(`a section start moved with cues: ${JSON.stringify(blocks[0]?.text)}`);
  }
  t.ok(found > 40, `${found} pages with a comment section`);
  const taken = { postEnd: 0, section: 0, header: 0 };
  let differ = 0;
  const lines = all.flatMap((blocks) => blocks.map((b) => b.text));
  for (const text of lines.flatMap((l) => [l, l.toUpperCase()])) {
    const block = { lines: [text], text, indent: 0, bullet: false, gapBefore: true };
    const stats = blockStats(block);
    const cues = cuesOf(text);
    const miss = (why: string) => {
      differ++;
      t.fail(`${why}: ${JSON.stringify(text)}`);
    };
    if (stats.cues !== cues || stats.digit !== /\d/.test(text)) miss('blockStats reads other cues than cuesOf');
    if (isPostEnd(block)) {
      taken.postEnd++;
      if ((cues & POST_END_CUE) === 0) miss('a post end without its cue');
    }
    if ([commentCount, commentHeading, commentsClosed].some((r) => r.matches(block)) || isReplyFormHeading(block)) {
      taken.section++;
      if ((cues & SECTION_CUE) === 0) miss('a section rule takes it without its cue');
    }
    if (/\s/.test(text) && text.length <= 200) {
      const cued = headerLineCues(text);
      if (cued) taken.header++;
      if (headerLineCues(text, cues, stats.digit) !== cued) miss('the header cues read otherwise with its cues');
    }
  }
  t.equal(differ, 0, `${lines.length} lines, in capitals too`);
  t.ok(taken.postEnd > 50 && taken.section > 50 && taken.header > 500, JSON.stringify(taken));
});

// Classify sets each comment section block's page-rule kind as its stats had it
// (pageChrome), and the split takes it instead of asking the page rules again: it
// must be what the rules say of the block, and the split the same as without it.
t.test('the split reuses classify\'s page-rule kinds: the same as asking the rules', async (t) => {
  let blocksSeen = 0;
  let chrome = 0;
  let differ = 0;
  for (const blocks of pages()) {
    const doc = classify({ id: 'page', source: 'page', format: 'text', text: '', inputBytes: 0, meta: {}, blocks });
    const section = doc.blocks.filter((b) => b.role === 'comments');
    for (const b of section) {
      blocksSeen++;
      const asked = pageChromeKind(b);
      if (asked) chrome++;
      if (b.pageChrome !== asked) {
        differ++;
        t.fail(`classify's kind ${b.pageChrome} is not the rules' ${asked}: ${JSON.stringify(b.text)}`);
      }
    }
    const unknown = section.map(({ pageChrome: _, ...b }) => b);
    if (JSON.stringify(splitComments(section)) !== JSON.stringify(splitComments(unknown))) t.fail(`the split differs with classify's kinds: ${JSON.stringify(blocks[0]?.text)}`);
  }
  t.equal(differ, 0, `${blocksSeen} comment section blocks`);
  t.ok(blocksSeen > 1000 && chrome > 50, `${chrome} of them page chrome`);
});
