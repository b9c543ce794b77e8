import { ASCII, fold, foldedRelativeTimeLength, labelledDate, mayStartRelativeTime, onlyDateLabels, parseDate } from './metadata.js';
import {
  CLOSED_MARK,
  COUNT_MARK,
  FORM_MARK,
  HEADING_MARK,
  POST_END_CUE,
  SECTION_CUE,
  commentCount,
  commentForm,
  commentHeading,
  commentPagination,
  commentPolicy,
  commentsClosed,
  editedBy,
  isPostEnd,
  isReplyFormHeading,
  replyLink,
  sectionMarks,
  signInPrompt,
  topicStats,
} from './rules/comment-chrome.js';
import { ALL_CUES, cueClass, wholeWords } from './rules/cue-words.js';
import { commentChromeKind } from './rules/index.js';
import { pageChromeKind } from './rules/page-chrome.js';
import { BULLET_FIRST, SYMBOL_BULLET, segmentText } from './segment.js';
import type { Block, Comment, LabelledBlock, Quote, Removal } from './types.js';

// Two shapes of comment section reach us as text:
// - comment lists (WordPress, Disqus, Discourse, news sites): a counter or
//   "Leave a Reply", then each comment opens with a header ("NAME says:",
//   "NAME on DATE said:", a name over a date) or a list number, and may close
//   with a "Reply" button;
// - forum threads (Invision, phpBB): every post closes with the same buttons
//   ("Link to comment", "Share on other sites", "Top"); the first post is the
//   article, and a reply quotes earlier posts under "TIME, NAME said:".

const MAX_NAME = 60;

// String methods called as `indexOf.call(text, ' ')` where the section search
// reads block texts. A text comes as any of a string's representations (one- or
// two-byte; flat, sliced, cons, thin), more than an inline cache keeps apart: a
// method loaded off it (`text.indexOf`) is a hash-table probe at every call,
// where through a constant the optimizing compiler calls it inline. For the same
// reason a hot function reads a text's length off String(text), which the
// compiler then knows for a string.
const { charCodeAt, includes, indexOf, lastIndexOf } = String.prototype;

/**
 * How many pieces `text.split(' ')` gives, counted up to `cap` without building
 * them: this runs on every block of a page, prose paragraphs included.
 */
function spaceWords(text: string, cap = Infinity): number {
  let n = 1;
  for (let at = indexOf.call(text, ' '); at >= 0 && n < cap; at = indexOf.call(text, ' ', at + 1)) n++;
  return n;
}

const WHITESPACE = /\s/;

/** Whether the text holds whitespace (`\s`): mostly a space, found without the pattern. */
function hasSpace(text: string): boolean {
  return indexOf.call(text, ' ') >= 0 || WHITESPACE.test(text);
}

/** The chrome a block of a comment section is: the comment rules name it best, then any rule. */
function chromeKind(block: Block & Pick<LabelledBlock, 'pageChrome'>): string | null {
  return commentKind(block) ?? pageKind(block);
}

// A section prints the same buttons and furniture under every comment, and the
// split asks about most blocks more than once: the kinds of a text (the comment
// rules read the text alone, the page rules whether it is a list item too) are
// worked out once, and forgotten when the next section is split. A block's
// page-rule kind that classify worked out (LabelledBlock.pageChrome) is read off
// the block instead: the kind is a function of the text and whether it is a list
// item, and most blocks of a section are asked about once.
const commentKinds = new Map<string, string | null>();
const pageKinds = { line: new Map<string, string | null>(), item: new Map<string, string | null>() };

function commentKind(block: Block): string | null {
  let kind = commentKinds.get(block.text);
  if (kind === undefined) commentKinds.set(block.text, (kind = commentChromeKind(block)));
  return kind;
}

function pageKind(block: Block & Pick<LabelledBlock, 'pageChrome'>): string | null {
  if (block.pageChrome !== undefined) return block.pageChrome;
  const known = block.bullet ? pageKinds.item : pageKinds.line;
  let kind = known.get(block.text);
  if (kind === undefined) known.set(block.text, (kind = pageChromeKind(block)));
  return kind;
}

// Page-rule kinds after which a comment section is over: a list of other
// articles, the footer's copyright.
const SECTION_END_KINDS = new Set(['related-links', 'copyright', 'post-navigation']);

// A name line of a comment is the name alone: "by NAME" and "Updated …" are
// article credits, as in a list of other articles.
const NOT_A_NAME = /^(?:by|von|par|por|door|posted|updated|published|written|filed)\b|\s(?:on|am|le|el|il|em|op|by)$/;

/**
 * A few words that can be a person's or a user's name: no sentence, no date, no
 * weekday. Before "says:" a user name may end like a sentence ("Bob. Just Bob.").
 */
function nameLike(text: string, saysSo = false): boolean {
  // A name starts with a letter or digit, not with a dash or a bracket (an embedded tweet's "— Name (@handle)").
  if (!text || String(text).length > MAX_NAME || !NAME_FIRST.test(text)) return false;
  // "Hannah P." ends with an initial, not with a sentence.
  if (includes.call(text, ':') || (!saysSo && SENTENCE_END.test(text) && !INITIAL_END.test(text))) return false;
  // The cheap tests first: this runs on every short line of a page.
  return spaceWords(text, 6) <= 5 && LETTER.test(text) && !NOT_A_NAME.test(fold(text)) && !onlyDateLabels(text) && !parseDate(text);
}

const NAME_FIRST = /^[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?;,]$/;
const INITIAL_END = /(?:^|\s)\p{Lu}\.$/u;
const LETTER = /\p{L}/u;

// What comment systems call someone who gave no name.
const ANONYMOUS = /^(?:guest|anonymous|anon|anonym|gast|invite|anonyme|anonimo|anonima|convidado|anoniem|visitor|besucher|visiteur|visitante|visitatore|bezoeker)$/;

/** The author as the page names them; a guest or anonymous poster has no name. */
function authorName(name: string): string | null {
  return ANONYMOUS.test(fold(name)) ? null : name;
}

/** Whether the text is a relative time ("28 minutes ago", "3d"), perhaps with a post number or button after it. */
function isRelativeLine(text: string): boolean {
  return String(text).length <= 200 && mayStartRelativeTime(text) && isFoldedRelativeLine(fold(text));
}

/** isRelativeLine of the folded text from index `from` on. */
function isFoldedRelativeLine(folded: string, from = 0): boolean {
  const n = foldedRelativeTimeLength(folded, from);
  if (n === 0) return false;
  const rest = folded.slice(from + n).trim();
  return !/[,:]/.test(rest) && rest.split(/\s+/).filter(Boolean).length <= 3;
}

// A relative time written without a digit holds one of these words (metadata's
// RELATIVE_FORMS without their numbers: "a few minutes ago", "vor einer Stunde",
// "il y a une heure", "hace una hora", "una ora fa", "há uma hora", "uma hora
// atrás", "een uur geleden", "yesterday"), whole. Read case aside on the line
// itself: where it holds only ASCII and general punctuation, its fold is its
// lower case. Another character lets the line through, as a digit does (which
// the callers have looked for already).
const RELATIVE_WORDS = 'ago|vor|seit|il y a|hace|fa|uma?|geleden|just now|yesterday|today|gestern|heute|hier|aujourd|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag';
const MAY_HOLD_RELATIVE = new RegExp(`[^\\x00-\\x7f\\u2000-\\u206f]|\\b(?:${RELATIVE_WORDS})\\b`, 'i');

// The same words as a cue class (cue-words.ts): where the section search knows a
// block's cues, a line without them (or a letter beyond ASCII) is spared the pattern.
const RELATIVE_CUE = cueClass(wholeWords(RELATIVE_WORDS));

/**
 * "NAME • 3 years ago", "[–] NAME 118 points 4 hours ago": the first of the
 * line's first eight spaces after which a relative time ends the line (perhaps
 * with a post number or button after it), or -1. The fold keeps spaces, commas
 * and colons where they are, and makes none: the line is read for them and for
 * where a relative time may start, and folded only then.
 * `digit`: whether the line holds an ASCII digit, which lets it through.
 */
function spaceBeforeRelativeTime(text: string, digit: boolean): number {
  // headerLineCues and then headerLine ask about the same line in turn: the
  // last answer is kept (`digit` is told by the line).
  if (text !== relativeIn) {
    relativeIn = text;
    relativeAt = digit || MAY_HOLD_RELATIVE.test(text) ? firstSpaceBeforeRelativeTime(text) : -1;
  }
  return relativeAt;
}

let relativeIn = '';
let relativeAt = -1;

/** spaceBeforeRelativeTime, worked out. */
function firstSpaceBeforeRelativeTime(text: string): number {
  // Neither a relative time nor what may follow it holds a comma or a colon:
  // no space before the line's last one can be the one. Looked for once a
  // space is followed by what may start one: in most lines, none is.
  let last: number | undefined;
  for (let k = 1, at = indexOf.call(text, ' '); at >= 0 && k <= 8; k++, at = indexOf.call(text, ' ', at + 1)) {
    if (mayStartRelativeTime(text, at + 1) && at > (last ??= Math.max(lastIndexOf.call(text, ','), lastIndexOf.call(text, ':'))) && isFoldedRelativeLine(fold(text), at + 1)) return at;
  }
  return -1;
}

const HAS_DIGIT = /\d/;
// A year's four digits, which a date holds (metadata's parsers read none without).
const YEAR = /\d{4}/;

/** When a comment was written, from a line that says so: ISO, or null for a relative time. */
function postedLine(text: string): { posted: string | null } | null {
  const posted = parseDate(text);
  if (posted) return { posted };
  return isRelativeLine(text) ? { posted: null } : null;
}

/**
 * Whether postedLine may take a block, told by its cues and digit where known
 * (the section search knows them): parseDate reads no date without a year's
 * digits, and a relative time without a digit holds one of RELATIVE_WORDS (a
 * letter beyond ASCII sets every cue). Most blocks under a name are neither.
 */
function mayBePosted(known: BlockCues | undefined): boolean {
  return known === undefined || known.digit || (known.cues & RELATIVE_CUE) !== 0;
}

/**
 * What the section search knows of each unit it reads (BlockStats' cues and
 * digit), by the unit's index; undefined for a unit the split made of a line,
 * and where nothing is known (the comment split).
 */
type KnownCues = readonly (BlockCues | undefined)[] | undefined;

/** Whether a line opens with a list number: LIST_NUMBER, asked only of a line opening with a digit (most do not). */
function listNumbered(text: string): boolean {
  const c = charCodeAt.call(text, 0);
  return c >= 0x30 && c <= 0x39 && LIST_NUMBER.test(text);
}

const LIST_NUMBER = /^\d{1,4}[.)]\s*/;
const BARE_NUMBER = /^\d{1,4}[.)]$/;

/** The text without a leading list marker. */
function unlisted(text: string): string {
  // Either marker starts the line with a bullet or a digit: most lines start
  // otherwise, and most that open with a digit (a count, a date) hold no list number.
  if (BULLET_FIRST.has(charCodeAt.call(text, 0))) return text.replace(SYMBOL_BULLET, '').replace(LIST_NUMBER, '');
  return listNumbered(text) ? text.replace(LIST_NUMBER, '') : text;
}

interface Header {
  author: string;
  posted: string | null;
  /** How many blocks the header takes, from the one it was found at. */
  size: number;
}

// Verbs of a comment header ("NAME says:") in the languages we read.
const SAYS_VERB = '(?:says|sagt|schreibt|(?<!\\sa )dit|dice|diz|zegt)';
// Verbs of a quote header ("NAME said:", "NAME wrote:"); in a comment list
// "NAME on DATE said:" is a comment header instead.
const SAID_VERB = '(?:said|wrote|schrieb|sagte|hat geschrieben|a dit|a ecrit|dijo|escribio|ha scritto|ha detto|disse|escreveu|zei|schreef)';
const SAYS = new RegExp(`\\s${SAYS_VERB}\\s?:?$`);
const SAID = new RegExp(`\\s${SAID_VERB}\\s?:$`);
// How much of a line's end SAYS and SAID read: the space, the longest verb (its
// pattern's text, look-behind and all), a space and a colon, and the two
// characters before the space that SAYS looks behind at.
const VERB_END = Math.max(...[SAYS_VERB, SAID_VERB].flatMap((verbs) => verbs.slice(3, -1).split('|')).map((v) => v.length)) + 5;

// SAYS or SAID with case set aside, for an end all ASCII, whose fold is its lower case.
const SAYS_OR_SAID_ANY_CASE = new RegExp(`${SAYS.source}|${SAID.source}`, 'i');

/**
 * SAYS or SAID on the line's fold, read on its end alone: both match where the
 * line ends with a verb's last letter, a colon or a space, and no further back
 * than VERB_END. An end all ASCII is read as it is, case aside, without a fold.
 */
function saysOrSaid(text: string): boolean {
  if (!mayEndWithVerb(text)) return false;
  const end = text.length > VERB_END ? text.slice(-VERB_END) : text;
  if (ASCII.test(end)) return SAYS_OR_SAID_ANY_CASE.test(end);
  const folded = fold(text);
  const foldedEnd = folded.length > VERB_END ? folded.slice(-VERB_END) : folded;
  return SAYS.test(foldedEnd) || SAID.test(foldedEnd);
}

// The last letters of the says-verbs, and the colon.
const VERB_LAST = new Set([...SAYS_VERB.slice(3, -1).split('|').map((v) => v.charCodeAt(v.length - 1)), 0x3a]);

/** Whether the line's fold may end as SAYS or SAID match, told by the line or its fold alike. */
function mayEndWithVerb(text: string): boolean {
  const last = charCodeAt.call(text, String(text).length - 1);
  // Past ASCII, and at or below the space, a character may be a space to \s (or fold to a letter).
  return !(last < 0x80 && last > 0x20) || VERB_LAST.has(last >= 0x41 && last <= 0x5a ? last | 0x20 : last);
}
// "Jeroen schreef op 15 januari 2025 om 09:14:", "marlene-o commented Mar 31,
// 2025": the verb before the date.
const DATED_VERB = '(?:commented|replied|posted|kommentierte|a commente|comento|ha commentato|comentou|reageerde)';
const VERB_THEN_DATE = new RegExp(`\\s(?:${SAYS_VERB}|${SAID_VERB}|${DATED_VERB}) (?:on |am |le |el |il |em |op )?`);
// The verbs of SAYS, SAID and VERB_THEN_DATE as one cue class, SAYS's
// look-behind set aside (it only narrows the match): a line without one is
// spared all three.
const VERB_CUE = cueClass(...[SAYS_VERB, SAID_VERB, DATED_VERB].map((verbs) => wholeWords(verbs.slice(3, -1).replace(/\(\?<!.*?\)/g, ''))));

/**
 * The name in a header's name part, without what comment systems print around
 * it: a collapse button ("[–]"), a handle sign ("@", "id:"), a poster flag
 * ("[S]"), a score ("118 points").
 */
function cleanName(label: string): string {
  return label
    .replace(/^\[[–+-]\]\s*/, '')
    .replace(/^(?:@|id:)/, '')
    .replace(/\s\[[A-Za-z+]{1,3}\]/g, '')
    .replace(/\s[+-]?\d[\d,.]*k?\s(?:points?|votes?|likes?|karma)$/i, '')
    .trim();
}
const DATE_CONNECTOR = /,?\s(?:on|am|le|el|il|em|op)\s/g;
// "→ Ben Whitlock", "in reply to Ben": whom a reply answers.
const REPLY_TO_PHRASES = ['→', '↪', 'in reply to', 'replying to', 'antwort an', 'en reponse a', 'en respuesta a', 'in risposta a', 'em resposta a', 'als antwoord op'];
const REPLY_TO = new RegExp(`^(?:${REPLY_TO_PHRASES.join('|')})\\s`);
// How much of a line REPLY_TO reads: the longest phrase, the space after it, and
// a character more, lest the cut part a surrogate pair the fold would read together.
const REPLY_TO_REACH = Math.max(...REPLY_TO_PHRASES.map((p) => p.length)) + 2;
const REPLY_TO_FIRST = new Set(REPLY_TO_PHRASES.map((p) => p.charCodeAt(0)));

/**
 * Whether a block opens by naming whom a reply answers. Of a long block (the
 * reply's text, maybe) only the start is folded; a short one is folded whole,
 * as postedLine has just folded it.
 */
function repliesTo(block: Block): boolean {
  const text = String(block.text);
  // A line opening with an ASCII character no phrase opens with (either case) is turned away unfolded.
  const c = charCodeAt.call(text, 0);
  if (c < 0x80 && !REPLY_TO_FIRST.has(c >= 0x41 && c <= 0x5a ? c | 0x20 : c)) return false;
  return REPLY_TO.test(fold(text.length > 200 ? text.slice(0, REPLY_TO_REACH) : text));
}
// "Post by NAME » DATE" (phpBB).
const POST_BY = /^(?:post|posted|beitrag|message|mensaje|messaggio|mensagem|bericht) (?:by|von|par|por|da|door) (.{1,60}?) » (.{4,80})$/;

/** "NAME on DATE" → the name and the date; "NAME" → the name alone. */
function nameAndDate(text: string): { author: string; posted: string | null } | null {
  for (const m of fold(text).matchAll(DATE_CONNECTOR)) {
    const posted = parseDate(text.slice(m.index + m[0].length));
    if (posted) {
      const author = text.slice(0, m.index).trim();
      return author ? { author, posted } : null;
    }
  }
  return { author: text.trim(), posted: null };
}

/** A header on one line: "NAME says:", "NAME on DATE said:", "NAME schreef op DATE:", "NAME DATE", "NAME • 3d", "Post by NAME » DATE". */
function headerLine(text: string, next: Block | undefined, cues: number, nextKnown?: BlockCues): Omit<Header, 'size'> & { dateLine: boolean } | null {
  // Each form is looked for only where the line holds what it needs, as
  // headerLineCues reads it, and the line is folded only then (fold remembers
  // the last line it folded).
  const postBy = includes.call(text, ' » ') ? POST_BY.exec(fold(text)) : null;
  if (postBy) {
    const author = text.slice(postBy[0].indexOf(postBy[1]!), postBy[0].indexOf(postBy[1]!) + postBy[1]!.length);
    return { author, posted: parseDate(text.slice(text.length - postBy[2]!.length)), dateLine: false };
  }
  const says = (cues & VERB_CUE) !== 0 && saysOrSaid(text) ? (SAYS.exec(fold(text)) ?? SAID.exec(fold(text))) : null;
  if (says) {
    const parsed = nameAndDate(text.slice(0, says.index));
    if (!parsed || !nameLike(parsed.author, says[0].endsWith(':'))) return null;
    // "NAME said:" over quoted text is a quote; over a date line ("NAME ha
    // detto:" in an Italian blog) it heads a comment, as "NAME says" does
    // without its colon.
    const dateLine = !parsed.posted && next && mayBePosted(nextKnown) ? postedLine(next.text) : null;
    if (!parsed.posted && !dateLine && (!SAYS.test(fold(text)) || !says[0].endsWith(':'))) return null;
    return { author: parsed.author, posted: parsed.posted ?? dateLine?.posted ?? null, dateLine: dateLine !== null };
  }
  // A date is written with a year (parseDate and labelledDate read none
  // without one): without it, no verb is followed by a date, and no label is dated.
  const digit = HAS_DIGIT.test(text);
  if (digit && YEAR.test(text)) {
    const verb = (cues & VERB_CUE) !== 0 ? VERB_THEN_DATE.exec(fold(text)) : null;
    if (verb) {
      const posted = parseDate(text.slice(verb.index + verb[0].length).replace(/:$/, ''));
      const author = cleanName(text.slice(0, verb.index));
      if (posted && nameLike(author)) return { author, posted, dateLine: false };
    }
    const dated = labelledDate(text);
    if (dated && nameLike(cleanName(dated.label))) return { author: cleanName(dated.label), posted: dated.date, dateLine: false };
  }
  // A name, then a relative time. fold keeps every character's length, so a
  // space of the folded text is one of the text.
  const at = spaceBeforeRelativeTime(text, digit);
  if (at < 0) return null;
  const author = cleanName(text.slice(0, at).replace(/[\s,|·•–—@-]+$/, ''));
  return nameLike(author) ? { author, posted: null, dateLine: false } : null;
}

/**
 * The comment header at block i: a header line (a date line may follow), or a
 * name line over a date line, perhaps with whom it answers between them.
 */
function commentHeaderAt(units: readonly Block[], i: number, known?: KnownCues): Header | null {
  const own = known?.[i];
  const text = String(unlisted(units[i]!.text));
  if (text.length > 200 || !mayOpenWithName(text)) return null;
  const cues = own ? own.cues : ALL_CUES;
  return mayBeHeader(units, i, text, cues, unlistedDigit(units[i]!.text, text, own?.digit), known) ? checkedHeader(units, i, text, cues, known) : null;
}

/** Whether a block's text, its list marker set aside (`text`), holds a digit: the block's digit (`blockDigit`, where known) unless a list number was set aside. */
function unlistedDigit(blockText: string, text: string, blockDigit: boolean | undefined): boolean {
  return blockDigit === false ? false : blockDigit && text === blockText ? true : HAS_DIGIT.test(text);
}

// What a header's name opens with, once cleanName has set aside what comment
// systems print before it (a collapse button, a handle sign, poster flags)
// and the spaces around: a letter or digit, as nameLike asks. Those marks are
// let through in any order; each alternative opens with a character of its
// own, so that the pattern never tries one stretch two ways.
const NAME_OPENING = /^(?:\s|@|id:|\[[–+A-Za-z-]{1,3}\])*[\p{L}\p{N}]/u;

/**
 * Whether the line may open with a name, as every header the search and the
 * split look for does ("NAME says:", "Post by NAME", a name line): a line
 * opening with a quote mark, a dash, a bracketed link or a copyright sign is
 * spared the header's cues and parse. Most open with an ASCII letter or digit.
 */
function mayOpenWithName(text: string): boolean {
  const c = charCodeAt.call(text, 0) | 0x20;
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || NAME_OPENING.test(text);
}

/** The header at block i (its text unlisted), unless the block is comment furniture; `cues`: the block's, where known. */
function checkedHeader(units: readonly Block[], i: number, text: string, cues = ALL_CUES, known?: KnownCues): Header | null {
  const header = headerAt(units, i, text, cues, known);
  // Comment furniture (a tracker's "NAME self-assigned this DATE") is no header.
  return header && !commentKind(units[i]!) ? header : null;
}

/**
 * Whether block i (its text unlisted) can be a comment header, by what each
 * kind holds: a header line its cues (a line without a space only a year, as
 * a dated label), a name line a few words and a date line under it, or whom
 * the reply answers over that. Most lines of a page have neither, and are
 * spared the header parse.
 */
function mayBeHeader(units: readonly Block[], i: number, text: string, cues: number, digit: boolean, known: KnownCues): boolean {
  return (hasSpace(text) ? headerLineCues(text, cues, digit) : digit && YEAR.test(text)) || nameOverDate(text, units[i + 1], known?.[i + 1]);
}

/**
 * Whether the text is a name line with a date line (or whom the reply answers)
 * under it: the block under is read first, as few are either and most short
 * lines read like a name.
 */
function nameOverDate(text: string, next: Block | undefined, nextKnown: BlockCues | undefined): boolean {
  // A line longer than a name (a comment's text) is no name line, whatever stands under it.
  return String(text).length <= MAX_NAME && underName(next, nextKnown) && nameLike(text);
}

/**
 * Whether the line holds what a header line needs: a year (a verb before a
 * date, a dated label), phpBB's "»", a says-verb, a relative time after a name.
 * The fold keeps digits, spaces and "»" and makes none of them: the line itself
 * is read for them, and its end for a verb, before it is folded. Given the
 * line's cues and digit (the section search knows them), a line without a
 * says-verb's or a relative time's words is spared those looks.
 */
export function headerLineCues(text: string, cues = ALL_CUES, digit = HAS_DIGIT.test(text)): boolean {
  // Most lines hold no digit: they are spared the look for a year.
  if ((digit && YEAR.test(text)) || includes.call(text, ' » ') || ((cues & VERB_CUE) !== 0 && saysOrSaid(text))) return true;
  return (digit || (cues & RELATIVE_CUE) !== 0) && spaceBeforeRelativeTime(text, digit) >= 0;
}

/** Whether the block can stand under a name line: the comment's date line, or whom the reply answers. */
function underName(next: Block | undefined, known: BlockCues | undefined): boolean {
  return next !== undefined && ((mayBePosted(known) && postedLine(next.text) !== null) || repliesTo(next));
}

function headerAt(units: readonly Block[], i: number, text: string, cues: number, known: KnownCues): Header | null {
  const line = headerLine(text, units[i + 1], cues, known?.[i + 1]);
  if (line) return { author: line.author, posted: line.posted, size: line.dateLine ? 2 : 1 };
  // A name line: the block that would be its date line is told apart first
  // where its stats are known (most blocks under a line are no date line), the
  // line read as a name, and the date line parsed only then.
  let j = i + 1;
  if (units[j] && repliesTo(units[j]!)) j++;
  if (!units[j] || !mayBePosted(known?.[j]) || !nameLike(text)) return null;
  const dateLine = postedLine(units[j]!.text);
  return dateLine && !chromeKind(units[i]!) ? { author: text, posted: dateLine.posted, size: j - i + 1 } : null;
}

const QUOTE_WORDS = ['quote', 'quoting', 'zitat', 'citation', 'cita', 'citazione', 'citacao', 'citaat'];
const QUOTE_FROM = new RegExp(`^(?:${QUOTE_WORDS.join('|')}) (?:from |von |de |di |van )?`);
// Their first letters; an ASCII letter is set to lower case by its 0x20 bit.
const QUOTE_FIRST = new Set(QUOTE_WORDS.map((w) => w.charCodeAt(0)));

/**
 * A quote header: "28 minutes ago, ELVIS123456 said:", "On 11/9/2017 at 10:31 PM,
 * NAME said:", "NAME wrote: ↑", "Quote from NAME". A relative time gives no
 * `posted`: a page dump does not say when it was fetched.
 */
function quoteHeader(raw: string): { author: string; posted: string | null } | null {
  if (raw.length > 200) return null;
  // Marks after the header, if its last character may be one (all of them are past ASCII, or a space).
  const end = raw.charCodeAt(raw.length - 1);
  const text = end < 0x80 && end > 0x20 ? raw : raw.replace(/[\s↑↩»]+$/, '');
  // A quote word opens the header, or a colon closes it (SAID): most lines,
  // starting with another ASCII letter, are turned away before the fold.
  const first = text.charCodeAt(0);
  if (text.charCodeAt(text.length - 1) !== 0x3a && first < 0x80 && !QUOTE_FIRST.has(first | 0x20)) return null;
  const folded = fold(text);
  const quoteFrom = QUOTE_FROM.exec(folded);
  if (quoteFrom) {
    const author = text.slice(quoteFrom[0].length).replace(/:$/, '').trim();
    return nameLike(author) ? { author, posted: null } : null;
  }
  const said = SAID.exec(folded);
  if (!said) return null;
  const before = text.slice(0, said.index);
  const comma = before.lastIndexOf(', ');
  if (comma < 0) return nameLike(before.trim()) ? { author: before.trim(), posted: null } : null;
  const when = before.slice(0, comma).replace(/^(?:on|am|le|el|il|em|op)\s/i, '');
  const author = before.slice(comma + 2).trim();
  if (!nameLike(author)) return null;
  const posted = parseDate(when);
  if (posted) return { author, posted };
  return isRelativeLine(when) ? { author, posted: null } : null;
}

/** A comment being put together: its blocks, kept apart until the text is joined. */
interface Draft {
  author: string | null;
  posted: string | null;
  units: Block[];
  quotes: Quote[];
  /** Indentation of the block that opened it: a list item at this depth opens the next one. */
  indent: number;
}

const draft = (author: string | null, posted: string | null, indent: number): Draft => ({ author, posted, units: [], quotes: [], indent });

/**
 * Blocks back into text: paragraphs apart by a blank line; lines of one
 * paragraph that a dump wrapped (a long line before) joined by a space,
 * others (list items, short lines) kept on lines of their own.
 */
function joinText(units: readonly Block[]): string {
  let out = '';
  units.forEach((u, i) => {
    if (i === 0) out = u.text;
    else if (u.gapBefore) out += '\n\n' + u.text;
    else out += (units[i - 1]!.text.length >= 50 && !u.bullet ? ' ' : '\n') + u.text;
  });
  return out;
}

/** The blocks from `from` up to the next paragraph break (or `end`). */
function paragraphEnd(units: readonly Block[], from: number, end: number): number {
  let j = from + 1;
  while (j < end && !units[j]!.gapBefore) j++;
  return j;
}

// How many earlier comments a quote is looked for in: a page of a thread
// holds a few dozen posts, and a page of thousands must stay linear.
const QUOTE_REACH = 50;

/**
 * The quoted text after a quote header at block `from`: the longest run of
 * blocks that repeats an earlier comment's text, whose author the quote then
 * names. When nothing earlier matches (the quote is of the article, or of a
 * post not on the page), the quote is the paragraph the header opens, or,
 * when the header stands alone, the paragraph after it if the reply has text
 * after that.
 */
function quotedRun(units: readonly Block[], from: number, end: number, earlier: readonly Draft[]): { size: number; source: Draft | null } {
  let best = { size: 0, source: null as Draft | null };
  for (let d = earlier.length - 1; d >= Math.max(0, earlier.length - QUOTE_REACH); d--) {
    const own = earlier[d]!.units;
    for (let k = 0; k < own.length; k++) {
      let n = 0;
      while (from + n < end && k + n < own.length && units[from + n]!.text === own[k + n]!.text) n++;
      if (n > best.size) best = { size: n, source: earlier[d]! };
    }
  }
  if (best.size || from >= end) return best;
  const paragraph = paragraphEnd(units, from, end) - from;
  if (!units[from]!.gapBefore) return { size: paragraph, source: null };
  return { size: from + paragraph < end ? paragraph : 0, source: null };
}

/** Adds the quote whose header is block i; returns how many blocks it took. */
function takeQuote(
  units: readonly Block[],
  i: number,
  end: number,
  header: { author: string; posted: string | null },
  into: Draft,
  earlier: readonly Draft[],
  removed: Removal[],
): number {
  removed.push({ kind: 'quote-header', text: units[i]!.text });
  let from = i + 1;
  let posted = header.posted;
  // phpBB prints the quoted post's date on the line under the header.
  const dateLine = from < end && !posted && !units[from]!.gapBefore ? parseDate(units[from]!.text) : null;
  if (dateLine) {
    posted = dateLine;
    removed.push({ kind: 'quote-header', text: units[from++]!.text });
  }
  const run = quotedRun(units, from, end, earlier);
  const quoted = units.slice(from, from + run.size).filter((u) => {
    const kind = chromeKind(u);
    if (kind) removed.push({ kind, text: u.text });
    return !kind;
  });
  into.quotes.push({ author: authorName(header.author), posted, text: joinText(quoted) });
  // The quote names the author of the comment it repeats.
  if (run.source && run.source.author === null) run.source.author = authorName(header.author);
  return from + run.size - i;
}

/** Blocks of a section that ends the comments: the reply form, its policy, sign-in prompts. */
function endsSection(block: Block): boolean {
  return commentForm.matches(block) || commentPolicy.matches(block) || signInPrompt.matches(block) || commentsClosed.matches(block);
}

/** Splits multi-line blocks whose lines carry headers or buttons: each such line is a unit of its own. */
function units(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  // A block of one line is its own unit, without an array of one to flatten.
  for (const block of blocks) {
    if (!block.lines || block.lines.length < 2) out.push(block);
    else for (const unit of unitsOf(block)) out.push(unit);
  }
  return out;
}

/** The units of one block: the block itself, or its lines when a line carries a header or a button. */
function unitsOf(block: Block): Block[] {
  if (!block.lines || block.lines.length < 2) return [block];
  const split = segmentText(block.lines.join('\n\n'));
  const marked = split.some((u, i) => (i > 0 && (listNumbered(u.text) || chromeKind(u) || isPostEnd(u))) || quoteHeader(u.text) || commentHeaderAt(split, i));
  return marked ? split.map((u, i) => ({ ...u, indent: block.indent, gapBefore: i === 0 ? block.gapBefore : false })) : [block];
}

function finish(drafts: readonly Draft[]): Comment[] {
  return drafts
    .map((d) => ({ author: d.author, posted: d.posted, text: joinText(d.units), quotes: d.quotes }))
    .filter((c) => c.quotes.length || (c.text && !widgetResidue(c)));
}

/**
 * Text without a header, a date or a sentence, of a few words: what an empty
 * comment widget leaves ("* Comment", "in reply to(Show comment)"), not a comment.
 */
function widgetResidue(c: Comment): boolean {
  return c.author === null && c.posted === null && !/[.!?…]/.test(c.text) && c.text.split(/\s+/).length <= 6;
}

/** A comment list, in page order. */
function commentList(list: readonly Block[]): { comments: Comment[]; removed: Removal[] } {
  const drafts: Draft[] = [];
  const removed: Removal[] = [];
  let current: Draft | null = null;
  let open = true;
  // Once comments have shown headers, text without one is not a comment.
  let headed = false;
  for (let i = 0; i < list.length; i++) {
    const unit = list[i]!;
    const header = commentHeaderAt(list, i);
    if (header && current && !current.units.length && !current.quotes.length && unit.indent > current.indent) {
      // A header set deeper, before the comment has said anything, heads a
      // quote of another comment, which a rule line may close.
      for (let k = 0; k < header.size; k++) removed.push({ kind: 'quote-header', text: list[i + k]!.text });
      i += header.size;
      const quoted: Block[] = [];
      while (i < list.length && !RULE_LINE.test(list[i]!.text) && (!quoted.length || !list[i]!.gapBefore) && !commentHeaderAt(list, i)) quoted.push(list[i++]!);
      if (i < list.length && RULE_LINE.test(list[i]!.text)) removed.push({ kind: 'quote-rule', text: list[i]!.text });
      else i--;
      current.quotes.push({ author: authorName(header.author), posted: header.posted, text: joinText(quoted) });
      continue;
    }
    if (header) {
      current = draft(authorName(header.author), header.posted, unit.indent);
      drafts.push(current);
      for (let k = 0; k < header.size; k++) removed.push({ kind: 'comment-header', text: list[i + k]!.text });
      i += header.size - 1;
      open = headed = true;
      continue;
    }
    if (open && BARE_NUMBER.test(unit.text)) {
      // A bare list number ends a comment; the header under it opens the next.
      removed.push({ kind: 'comment-number', text: unit.text });
      current = headed ? null : draft(null, null, unit.indent);
      if (current) drafts.push(current);
      continue;
    }
    const numbered = open && !headed && (!current || unit.indent <= current.indent) ? LIST_NUMBER.exec(unit.text) : null;
    if (numbered) {
      // A list number opens the next comment; its text may follow on the same line.
      current = draft(null, null, unit.indent);
      drafts.push(current);
      current.units.push({ ...unit, text: unit.text.slice(numbered[0].length) });
      continue;
    }
    const quote = current ? quoteHeader(unit.text) : null;
    if (quote && current) {
      i += takeQuote(list, i, list.length, quote, current, drafts.slice(0, -1), removed) - 1;
      continue;
    }
    const kind = chromeKind(unit);
    if (kind && (endsSection(unit) || SECTION_END_KINDS.has(kind))) {
      removed.push({ kind, text: unit.text });
      current = null;
      open = false;
      continue;
    }
    if (kind) {
      removed.push({ kind, text: unit.text });
      // A reply button closes its comment.
      if (replyLink.matches(unit)) current = null;
      continue;
    }
    if (!current && (!open || headed)) {
      removed.push({ kind: 'after-comments', text: unit.text });
      continue;
    }
    if (!current) {
      current = draft(null, null, unit.indent);
      drafts.push(current);
    }
    if (!current.units.length && opensWithQuote(list, i)) {
      current.quotes.push(headerlessQuote(unit, drafts.slice(0, -1)));
      continue;
    }
    current.units.push(unit);
  }
  return { comments: finish(drafts), removed };
}

/**
 * Whether the block at i, the first of a comment's text, is a quote without a
 * header: set deeper than the reply text after it (a blockquote, as a dump
 * prints one), not a list item.
 */
function opensWithQuote(list: readonly Block[], i: number): boolean {
  const unit = list[i]!;
  const next = list[i + 1];
  // The reply's own text follows, less indented: prose, not a list number or a button.
  if (!next || unit.bullet || next.bullet || unit.indent <= next.indent || unit.text.length < 20 || next.text.length < 20) return false;
  return !LIST_NUMBER.test(next.text) && !chromeKind(next) && !commentHeaderAt(list, i + 1);
}

/** A quote without a header names its author when it repeats an earlier comment's words. */
function headerlessQuote(unit: Block, earlier: readonly Draft[]): Quote {
  const source = earlier
    .slice(-QUOTE_REACH)
    .reverse()
    .find((d) => d.units.map((u) => u.text).join(' ').includes(unit.text));
  return { author: source?.author ?? null, posted: null, text: unit.text };
}

// A signature rule under a forum post: what follows is the poster's signature.
const SIGNATURE_RULE = /^(?:_{4,}|-{2,}|—{2,})$/;
// A rule line that closes a quoted comment inside a reply.
const RULE_LINE = /^(?:={4,}|-{4,}|_{4,})$/;

/**
 * A forum post's header: the poster's name, profile lines (rank, post count,
 * join date) and the post's date, above its text ("NAME" over a date, or
 * "Post by NAME » DATE" under the profile). Sets the draft's author and date;
 * returns how many blocks it takes.
 */
function postHeader(post: readonly Block[], out: Draft): number {
  // Profile lines are short; a sentence or a quote means the text has begun.
  let lead = 0;
  for (; lead < Math.min(post.length - 1, 8) && !quoteHeader(post[lead]!.text); lead++) {
    const header = commentHeaderAt(post, lead);
    if (header) {
      out.author = authorName(header.author);
      out.posted = header.posted;
      return lead + header.size;
    }
    if (spaceWords(post[lead]!.text, 9) > 8 && !chromeKind(post[lead]!)) break;
  }
  for (let k = 0; k < lead; k++) {
    // A profile line ("Joined: DATE") is dated too, but it is not the post's date.
    const when = commentKind(post[k]!) ? null : postedLine(post[k]!.text);
    if (!when) continue;
    const name = post.slice(0, k).find((u) => nameLike(u.text) && !chromeKind(u));
    out.author = name ? authorName(name.text) : null;
    out.posted = when.posted;
    return k + 1;
  }
  return 0;
}

/** One forum post: its header and profile, quotes, edit note, text and signature. */
function forumPost(post: readonly Block[], earlier: readonly Draft[], removed: Removal[]): Draft {
  const out = draft(null, null, post[0]?.indent ?? 0);
  const start = postHeader(post, out);
  for (let k = 0; k < start; k++) removed.push({ kind: 'comment-header', text: post[k]!.text });
  for (let i = start; i < post.length; i++) {
    const unit = post[i]!;
    if (SIGNATURE_RULE.test(unit.text)) {
      for (const u of post.slice(i)) removed.push({ kind: 'signature', text: u.text });
      break;
    }
    const quote = quoteHeader(unit.text);
    if (quote) {
      i += takeQuote(post, i, post.length, quote, out, earlier, removed) - 1;
      continue;
    }
    const editor = editedBy(unit.text);
    if (editor) {
      // "Edited by NAME" names the post's author; a short edit reason may sit under it.
      out.author ??= authorName(editor);
      removed.push({ kind: 'edit-note', text: unit.text });
      const reason = post[i + 1];
      if (reason && !reason.gapBefore && spaceWords(reason.text, 9) <= 8) removed.push({ kind: 'edit-note', text: post[++i]!.text });
      continue;
    }
    const kind = chromeKind(unit);
    if (kind) removed.push({ kind, text: unit.text });
    else out.units.push(unit);
  }
  return out;
}

/** A forum thread: posts end at their buttons; what follows the last post is page furniture. */
function forumThread(list: readonly Block[]): { comments: Comment[]; removed: Removal[] } {
  const drafts: Draft[] = [];
  const removed: Removal[] = [];
  // The post before the current one, while its trailing credit may still come
  // (null after the first post, which is the article).
  let previous: Draft | null = null;
  let post: Block[] = [];
  const credited = () => {
    const start = trailingCredit(post, previous, removed);
    if (start === 0) return post;
    // Comments on the post are printed under its credit, each credited on its own line.
    const rest = post.slice(start);
    for (let c = inlineComment(rest); c; c = inlineComment(rest)) {
      drafts.push(c.draft);
      rest.splice(0, c.size);
    }
    return rest;
  };
  for (const unit of list) {
    if (!isPostEnd(unit)) {
      post.push(unit);
      continue;
    }
    removed.push({ kind: chromeKind(unit) ?? 'forum-furniture', text: unit.text });
    const rest = credited();
    previous = rest.length ? forumPost(rest, drafts, removed) : null;
    if (previous) drafts.push(previous);
    post = [];
  }
  for (const unit of credited()) removed.push({ kind: chromeKind(unit) ?? 'after-comments', text: unit.text });
  return { comments: finish(drafts), removed };
}

// "asked Oct 14, 2023 at 9:12", "answered …": a Q&A post's credit, printed under its text.
const CREDIT_LINE = /^(?:asked|answered|gefragt|beantwortet|demande|repondu|preguntada|respondida|perguntada|respondido|preguntado|gevraagd|beantwoord)\s/;

/**
 * A Q&A site's credit at the head of the blocks after a post's buttons: the
 * date line, the poster's name and their reputation figures. Gives the
 * previous post its author and date; returns how many blocks it took (0 when
 * there is none).
 */
function trailingCredit(post: readonly Block[], previous: Draft | null, removed: Removal[]): number {
  let k = 0;
  while (k < post.length && k < 4 && chromeKind(post[k]!) && !CREDIT_LINE.test(fold(post[k]!.text))) k++;
  const line = post[k];
  const when = line && CREDIT_LINE.test(fold(line.text)) ? parseDate(line.text) : null;
  const name = post[k + 1];
  if (!when || !name || !nameLike(name.text)) return 0;
  let end = k + 2;
  if (post[end] && /^[\d,.\sk]+$/.test(post[end]!.text)) end++;
  if (previous) {
    previous.author ??= authorName(name.text);
    previous.posted ??= when;
  }
  for (const u of post.slice(0, end)) removed.push({ kind: 'comment-header', text: u.text });
  return end;
}

/** "* TEXT – NAME DATE": a comment credited at its end, on a list item and its continuation lines. */
function inlineComment(rest: readonly Block[]): { draft: Draft; size: number } | null {
  const first = rest[0];
  if (!first?.bullet) return null;
  let size = 1;
  while (size < rest.length && !rest[size]!.bullet && !rest[size]!.gapBefore) size++;
  const text = unlisted(rest.slice(0, size).map((u) => u.text).join(' '));
  const dash = Math.max(text.lastIndexOf(' – '), text.lastIndexOf(' — '));
  const credit = dash > 0 ? labelledDate(text.slice(dash + 3)) : null;
  if (!credit || !nameLike(credit.label)) return null;
  const draftOf = draft(authorName(credit.label), credit.date, first.indent);
  draftOf.units.push({ ...first, text: text.slice(0, dash) });
  return { draft: draftOf, size };
}

/**
 * The comments in a comment section's blocks, and the chrome found among them.
 * A block's page-rule kind that classify worked out (`pageChrome`) is taken as
 * known (see pageKind).
 */
export function splitComments(blocks: (Block & Pick<LabelledBlock, 'pageChrome'>)[]): { comments: Comment[]; removed: Removal[] } {
  commentKinds.clear();
  pageKinds.line.clear();
  pageKinds.item.clear();
  const list = units(blocks);
  return isThread(list) ? forumThread(list) : commentList(list);
}

// --- where the section starts ------------------------------------------------

/** What the section search reads of a block's stats (BlockStats in block-features.ts). */
export interface BlockCues {
  /** The text's cue classes (cuesOf in rules/cue-words.ts). */
  cues: number;
  /** Whether the text holds an ASCII digit. */
  digit: boolean;
  /** Whether the text holds a menu separator, as any "»" is. */
  separators: boolean;
}

// How far past a heading we look for a sign that comments follow.
const EVIDENCE_REACH = 10;

const COMMENT_WORD = /\b(?:comment|kommentar|commentaire|comentario|commento|reactie|reply|respond|antwort|repondre|responder|rispondere)/;

/** "NAME says:", "NAME on DATE said:": a header only comment lists print. */
function saysHeader(block: Block): boolean {
  return block.text.length <= 200 && saysOrSaid(unlisted(block.text));
}

/**
 * A header that only comments have: a header line, or a name over a relative
 * time. A name over a calendar date is not enough: an article list prints a
 * category over a date too.
 */
function strongHeaderAt(blocks: readonly Block[], j: number, header: Header | null): boolean {
  if (!header) return false;
  return header.size === 1 || saysHeader(blocks[j]!) || !parseDate(blocks[j + header.size - 1]!.text);
}

/**
 * Whether comments (or an empty section's reply form) follow block i within a
 * few blocks. `stats`: each block's cues and digit, where known.
 */
function commentsFollow(blocks: readonly Block[], i: number, stats?: readonly BlockCues[]): boolean {
  const end = Math.min(blocks.length, i + 1 + EVIDENCE_REACH);
  if (end === blocks.length && end - i <= 3) return true;
  const ahead: Block[] = [];
  // What is known of each unit: a block's stats, where the unit is the block.
  const known: (BlockCues | undefined)[] = [];
  for (let k = i + 1; k < end; k++) {
    const block = blocks[k]!;
    for (const unit of unitsOf(block)) {
      ahead.push(unit);
      known.push(unit === block ? stats?.[k] : undefined);
    }
  }
  for (let j = 0; j < ahead.length; j++) {
    const b = ahead[j]!;
    if (isReplyFormHeading(b) || commentPolicy.matches(b) || commentsClosed.matches(b) || commentPagination.matches(b) || replyLink.matches(b) || strongHeaderAt(ahead, j, commentHeaderAt(ahead, j, known))) return true;
    if (signInPrompt.matches(b) && COMMENT_WORD.test(fold(b.text))) return true;
    // A numbered comment: text on its line, or a header under a bare number.
    if (listNumbered(b.text) && (spaceWords(b.text, 5) >= 5 || (j + 1 < ahead.length && commentHeaderAt(ahead, j + 1, known)))) return true;
  }
  return false;
}

// Words of text a page shows before its comments: the article comes first.
const ARTICLE_WORDS = 100;

/** Index of the first block before which the page holds an article's worth of words. */
function afterArticle(blocks: readonly Block[]): number {
  let words = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (words >= ARTICLE_WORDS) return i;
    // Scripts without spaces between words (Japanese) count by length.
    // Words past the article's worth change nothing: they are not counted.
    const text = String(blocks[i]!.text);
    words += Math.max(spaceWords(text, ARTICLE_WORDS - words), Math.round(text.length / 6));
  }
  return blocks.length;
}

/**
 * Whether block i's text is printed again further down: a counter printed twice
 * is the article's summary line first. Few blocks are asked (counters), each
 * looked for in the blocks after it, where a text of another length is told
 * apart without reading it.
 */
function printedAgain(blocks: readonly Block[], i: number): boolean {
  const text = blocks[i]!.text;
  for (let j = i + 1; j < blocks.length; j++) if (blocks[j]!.text === text) return true;
  return false;
}

/** A counter among other counters is a list of other articles, each with its count. */
function inCounterList(blocks: readonly Block[], i: number): boolean {
  for (let j = Math.max(0, i - 6); j < Math.min(blocks.length, i + 7); j++) {
    if (j !== i && commentCount.matches(blocks[j]!) && blocks[j]!.text !== blocks[i]!.text) return true;
  }
  return false;
}

/**
 * Whether the blocks are a forum thread: its posts end with the same buttons,
 * at least twice. No block before `from` closes a post.
 */
function isThread(blocks: readonly Block[], from = 0, stats?: readonly BlockCues[]): boolean {
  let posts = 0;
  let after = false;
  for (let i = from; i < blocks.length; i++) {
    const end = isPostEnd(blocks[i]!, stats ? stats[i]!.cues : ALL_CUES);
    if (end && !after && ++posts === 2) return true;
    after = end;
  }
  return false;
}

/**
 * Whether block i (its text unlisted) can be the header headedComments looks
 * for: one the comment's text (eight words or more, `textNext`) follows right
 * under, or a longer one (a date line, or whom the reply answers, under its
 * first block). A longer header with a space is a name line only after a says-verb.
 */
function mayHeadComments(blocks: readonly Block[], i: number, text: string, spaced: boolean, textNext: boolean, cues: number, digit: boolean, stats: KnownCues): boolean {
  const next = blocks[i + 1];
  if (!next) return false;
  // A word alone: a dated label over the comment's text, or a name over its date line.
  if (!spaced) return (textNext && digit && YEAR.test(text)) || nameOverDate(text, next, stats?.[i + 1]);
  // With the comment's text further down, the header is longer than its line,
  // which takes a line with a space only after a says-verb, over a date line or
  // whom the reply answers: the verb is read first, the block under only then.
  return textNext ? headerLineCues(text, cues, digit) : (cues & VERB_CUE) !== 0 && saysOrSaid(text) && underName(next, stats?.[i + 1]);
}

/**
 * Whether block k holds eight words or more, as a comment's text does. `long`
 * keeps the answer for each block of the page (1 or 0; -1 until asked): the
 * section search asks about the blocks under each header it may find.
 */
function isLong(blocks: readonly Block[], long: Int8Array, k: number): boolean {
  let known = long[k]!;
  if (known < 0) long[k] = known = spaceWords(blocks[k]!.text, 8) >= 8 ? 1 : 0;
  return known === 1;
}

/**
 * A comment header over a comment's text, with another comment header soon
 * after: the text (eight words or more) is the first such block within three
 * under block i, since a header takes one to three blocks.
 */
function headedComments(blocks: readonly Block[], i: number, long: Int8Array, cues: number, stats: readonly BlockCues[] | undefined): boolean {
  const blockText = blocks[i]!.text;
  const unlistedText = String(unlisted(blockText));
  if (unlistedText.length > 200 || !mayOpenWithName(unlistedText)) return false;
  const digit = unlistedDigit(blockText, unlistedText, stats?.[i]?.digit);
  // A line with a space heads comments only with what headerLineCues reads (a
  // digit, phpBB's "»", a says-verb's or a relative time's words): most lines
  // have none, and are turned away before the blocks under them are counted.
  // Most have no separator either, and are not read for a "»".
  const spaced = hasSpace(unlistedText);
  if ((cues & (VERB_CUE | RELATIVE_CUE)) === 0 && !digit && spaced && (stats?.[i]?.separators === false || !includes.call(unlistedText, ' » '))) return false;
  // Such a line without a says-verb's words heads comments only with their text
  // right under it (mayHeadComments): the blocks further down are not counted.
  const reach = spaced && (cues & VERB_CUE) === 0 ? i + 1 : i + 3;
  let text = i + 1;
  while (text < blocks.length && text <= reach && !isLong(blocks, long, text)) text++;
  if (text === blocks.length || text > reach || !mayHeadComments(blocks, i, unlistedText, spaced, text === i + 1, cues, digit, stats)) return false;
  const header = checkedHeader(blocks, i, unlistedText, cues, stats);
  if (!header || !strongHeaderAt(blocks, i, header)) return false;
  // A headline over "2 hours ago" is a news list; a user name over it is a comment.
  if (header.size > 1 && !saysHeader(blocks[i]!) && hasSpace(header.author)) return false;
  return i + header.size < blocks.length && isLong(blocks, long, i + header.size) && commentsFollow(blocks, i + header.size, stats);
}

/**
 * Index of the block where the reader comment section starts, or -1 when there
 * is none: a counter ("1 Comment", "12 Kommentare"), a comments heading, the
 * reply form's heading, "Comments are closed", a forum topic's summary line,
 * each only when comments or the form follow; a comment header over a comment
 * with more after it; in a forum thread, the buttons that close the first post.
 * Never inside the page's first hundred words: the article comes first.
 * `stats`: each block's cues and digit (classify's BlockStats), where known:
 * a block without a pattern's words is turned away before it.
 */
export function commentSectionStart(blocks: Block[], stats?: readonly BlockCues[]): number {
  // Whether the page is a thread is worked out when first needed: most pages have no post buttons.
  let thread: boolean | undefined;
  const first = afterArticle(blocks);
  // Which blocks hold a comment's text, counted where a header may stand over them.
  let long: Int8Array | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const known = stats?.[i];
    const cues = known ? known.cues : ALL_CUES;
    const asked = i >= first && !(b.bullet && !listNumbered(b.text));
    // Which of the counter and the headings the block may be, by its words and its opening: mostly none.
    const marks = asked && (cues & SECTION_CUE) !== 0 ? sectionMarks(b.text) : 0;
    // Asked first, the counter rule folds the block for isPostEnd too.
    const counter = (marks & COUNT_MARK) !== 0 && commentCount.matches(b);
    // Once the page is known not to be a thread, its post buttons need no more looking at;
    // until then, a block without a button's words is not handed over to be told one.
    if (thread === undefined && (cues & POST_END_CUE) !== 0 && isPostEnd(b, cues) && (thread = isThread(blocks, i, stats))) return i;
    if (!asked) continue;
    if (counter) {
      if (!inCounterList(blocks, i) && !printedAgain(blocks, i) && commentsFollow(blocks, i, stats)) return i;
    } else if (
      ((marks & HEADING_MARK) !== 0 && commentHeading.matches(b)) ||
      ((marks & FORM_MARK) !== 0 && isReplyFormHeading(b)) ||
      ((marks & CLOSED_MARK) !== 0 && commentsClosed.matches(b)) ||
      // A topic's summary holds two counts: digits.
      (known?.digit !== false && topicStats.matches(b))
    ) {
      if (commentsFollow(blocks, i, stats)) return i;
    } else {
      if (!headedComments(blocks, i, (long ??= new Int8Array(blocks.length).fill(-1)), cues, stats)) continue;
      return i > 0 && BARE_NUMBER.test(blocks[i - 1]!.text) ? i - 1 : i;
    }
  }
  return -1;
}
