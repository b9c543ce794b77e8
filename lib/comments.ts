import { fold, labelledDate, parseDate, relativeTimeLength } from './metadata.js';
import {
  COMMENT_RULES,
  commentCount,
  commentForm,
  commentHeading,
  commentPolicy,
  commentsClosed,
  editedBy,
  isPostEnd,
  isReplyFormHeading,
  replyLink,
  signInPrompt,
} from './rules/comment-chrome.js';
import { chromeKind as pageChromeKind } from './rules/index.js';
import { segmentText } from './segment.js';
import type { Block, Comment, Quote, Removal } from './types.js';

// Two shapes of comment section reach us as text:
// - blog comments (WordPress, Disqus): a counter or "Leave a Reply", then each
//   comment opens with a header ("NAME says:", "NAME on DATE said:", a name
//   over a date) or a list number, and may close with a "Reply" button;
// - forum threads (Invision, phpBB): every post closes with the same buttons
//   ("Link to comment", "Share on other sites"); the first post is the article,
//   and a reply quotes earlier posts under "TIME, NAME said:".

const MAX_NAME = 60;

/** The chrome a block of a comment section is: the comment rules name it best, then any rule. */
function chromeKind(block: Block): string | null {
  return COMMENT_RULES.find((rule) => rule.matches(block))?.kind ?? pageChromeKind(block);
}

/** A few words that can be a person's or a user's name: no sentence, no date. */
function nameLike(text: string): boolean {
  if (!text || text.length > MAX_NAME || /[.!?;:,]$/.test(text)) return false;
  const words = text.split(' ');
  return words.length <= 5 && /\p{L}/u.test(text) && !NOT_A_NAME.test(fold(text)) && !parseDate(text);
}

// A name line of a comment is the name alone: "by NAME" and "Updated …" are
// article credits, as in a list of other articles.
const NOT_A_NAME = /^(?:by|von|par|por|door|posted|updated|published|written|filed)\b|\s(?:on|am|le|el|il|em|op|by)$/;

/** Whether the text is a relative time ("28 minutes ago"), perhaps with a button or two after it. */
function isRelativeLine(text: string): boolean {
  const n = relativeTimeLength(text);
  const rest = text.slice(n).trim();
  return n > 0 && !/[,:]/.test(rest) && rest.split(/\s+/).filter(Boolean).length <= 3;
}

/** When a comment was written, from a line that says so: ISO, or null for a relative time. */
function postedLine(text: string): { posted: string | null } | null {
  const posted = parseDate(text);
  if (posted) return { posted };
  return isRelativeLine(text) ? { posted: null } : null;
}

const LIST_NUMBER = /^\d{1,4}[.)]\s*/;
const SYMBOL_BULLET = /^[*+•·▪◦‣-]\s+/;

/** The text without a leading list marker. */
function unlisted(text: string): string {
  return text.replace(SYMBOL_BULLET, '').replace(LIST_NUMBER, '');
}

interface Header {
  author: string | null;
  posted: string | null;
  /** How many blocks the header takes, from the one it was found at. */
  size: number;
}

// Verbs that end a comment header ("NAME says:") in the languages we read.
const SAYS = /\s(?:says|sagt|schreibt|dit|dice|diz|zegt)\s?:$/;
// Verbs that end a quote header ("NAME said:", "NAME wrote:"); in a blog
// list "NAME on DATE said:" is a comment header instead.
const SAID = /\s(?:said|wrote|schrieb|sagte|hat geschrieben|a dit|a ecrit|dijo|escribio|ha scritto|ha detto|disse|escreveu|zei|schreef)\s?:$/;
const DATE_CONNECTOR = /,?\s(?:on|am|le|el|il|em|op)\s/g;

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

/**
 * The comment header at block i of a blog comment list: "NAME says:" (a date
 * line may follow), "NAME on DATE said:", "NAME DATE", "NAME • 3 years ago",
 * or a name line over a date line.
 */
function commentHeaderAt(units: readonly Block[], i: number): Header | null {
  const text = unlisted(units[i]!.text);
  if (text.length > 200) return null;
  const next = units[i + 1];
  const folded = fold(text);
  const says = SAYS.exec(folded) ?? SAID.exec(folded);
  if (says) {
    const parsed = nameAndDate(text.slice(0, says.index));
    if (!parsed || !nameLike(parsed.author)) return null;
    // A bare "NAME said:" is a quote; only a dated one heads a blog comment.
    if (!SAYS.test(folded) && !parsed.posted) return null;
    const dateLine = !parsed.posted && next ? postedLine(next.text) : null;
    return { author: parsed.author, posted: parsed.posted ?? dateLine?.posted ?? null, size: dateLine ? 2 : 1 };
  }
  const dated = labelledDate(text);
  if (dated && nameLike(dated.label)) return { author: dated.label, posted: dated.date, size: 1 };
  const relative = relativeAfterName(text);
  if (relative) return { ...relative, size: 1 };
  const dateLine = next && nameLike(text) && !chromeKind(units[i]!) ? postedLine(next.text) : null;
  return dateLine ? { author: text, posted: dateLine.posted, size: 2 } : null;
}

/** "NAME • 3 years ago": a name, then a relative time. */
function relativeAfterName(text: string): { author: string; posted: null } | null {
  const words = text.split(' ');
  if (words.length > 10) return null;
  for (let k = 1; k < words.length; k++) {
    const rest = words.slice(k).join(' ');
    if (isRelativeLine(rest)) {
      const author = words.slice(0, k).join(' ').replace(/[\s,|·•–—@-]+$/, '');
      return nameLike(author) ? { author, posted: null } : null;
    }
  }
  return null;
}

/**
 * A quote header: "28 minutes ago, ELVIS123456 said:", "On 11/9/2017 at 10:31 PM,
 * NAME said:", "NAME wrote:", "Quote from NAME". A relative time gives no
 * `posted`: a page dump does not say when it was fetched.
 */
function quoteHeader(text: string): { author: string; posted: string | null } | null {
  if (text.length > 200) return null;
  const folded = fold(text);
  const quoteFrom = /^(?:quote|quoting|zitat|citation|cita|citazione|citacao|citaat) (?:from |von |de |di |van )?/.exec(folded);
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

/** A comment being put together. */
interface Draft {
  author: string | null;
  posted: string | null;
  texts: string[];
  quotes: Quote[];
  /** Indentation of the block that opened it: a list item at this depth opens the next one. */
  indent: number;
}

const draft = (author: string | null, posted: string | null, indent: number): Draft => ({ author, posted, texts: [], quotes: [], indent });

/**
 * The quoted text after a quote header at block `from`: the longest run of
 * blocks that repeats an earlier comment's text, whose author the quote then
 * names. When nothing earlier matches (the quote is of the article, or of a
 * page not in the dump), the first block is the quote if the reply has text
 * after it.
 */
function quotedRun(units: readonly Block[], from: number, end: number, earlier: readonly Draft[]): { size: number; source: Draft | null } {
  let best = { size: 0, source: null as Draft | null };
  for (let d = earlier.length - 1; d >= 0; d--) {
    const texts = earlier[d]!.texts;
    for (let k = 0; k < texts.length; k++) {
      let n = 0;
      while (from + n < end && k + n < texts.length && units[from + n]!.text === texts[k + n]) n++;
      if (n > best.size) best = { size: n, source: earlier[d]! };
    }
  }
  if (best.size) return best;
  return { size: end - from > 1 ? 1 : 0, source: null };
}

/** Adds a quote starting after the header at block i; returns how many blocks it took. */
function takeQuote(units: readonly Block[], i: number, end: number, header: { author: string; posted: string | null }, into: Draft, earlier: readonly Draft[]): number {
  const run = quotedRun(units, i + 1, end, earlier);
  const text = units
    .slice(i + 1, i + 1 + run.size)
    .map((u) => u.text)
    .join('\n\n');
  into.quotes.push({ author: header.author, posted: header.posted, text });
  // The quote names the author of the comment it repeats.
  if (run.source && run.source.author === null) run.source.author = header.author;
  return 1 + run.size;
}

/** Blocks of a section that ends the comments: the reply form, its policy, sign-in prompts. */
function endsSection(block: Block): boolean {
  return commentForm.matches(block) || commentPolicy.matches(block) || signInPrompt.matches(block) || commentsClosed.matches(block);
}

/** Splits multi-line blocks whose lines carry headers or buttons: each such line is a unit of its own. */
function units(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((block) => {
    if (block.lines.length < 2) return [block];
    const split = segmentText(block.lines.join('\n\n'));
    const marked = split.some((u, i) => i > 0 && (LIST_NUMBER.test(u.text) || chromeKind(u) || isPostEnd(u) || quoteHeader(u.text) || SAYS.test(fold(u.text))));
    return marked ? split.map((u, i) => ({ ...u, indent: block.indent, gapBefore: i === 0 ? block.gapBefore : false })) : [block];
  });
}

function finish(drafts: readonly Draft[]): Comment[] {
  return drafts
    .map((d) => ({ author: d.author, posted: d.posted, text: d.texts.join('\n\n'), quotes: d.quotes }))
    .filter((c) => c.text || c.quotes.length);
}

/** A blog comment list, in page order. */
function blogComments(list: readonly Block[]): { comments: Comment[]; removed: Removal[] } {
  const drafts: Draft[] = [];
  const removed: Removal[] = [];
  let current: Draft | null = null;
  let open = true;
  for (let i = 0; i < list.length; i++) {
    const unit = list[i]!;
    const header = commentHeaderAt(list, i);
    if (header) {
      current = draft(header.author, header.posted, unit.indent);
      drafts.push(current);
      for (let k = 0; k < header.size; k++) removed.push({ kind: 'comment-header', text: list[i + k]!.text });
      i += header.size - 1;
      open = true;
      continue;
    }
    const numbered = LIST_NUMBER.exec(unit.text);
    if (numbered && open && (!current || unit.indent <= current.indent)) {
      // A list number opens the next comment; its text may follow on the same line.
      current = draft(null, null, unit.indent);
      drafts.push(current);
      const rest = unit.text.slice(numbered[0].length);
      if (rest) current.texts.push(rest);
      else removed.push({ kind: 'comment-number', text: unit.text });
      continue;
    }
    const quote = current ? quoteHeader(unit.text) : null;
    if (quote && current) {
      removed.push({ kind: 'quote-header', text: unit.text });
      i += takeQuote(list, i, list.length, quote, current, drafts.slice(0, -1)) - 1;
      continue;
    }
    if (endsSection(unit)) {
      removed.push({ kind: chromeKind(unit)!, text: unit.text });
      current = null;
      open = false;
      continue;
    }
    const kind = chromeKind(unit);
    if (kind) {
      removed.push({ kind, text: unit.text });
      // A reply button closes its comment; text after it without a header is another one.
      if (replyLink.matches(unit)) current = null;
      continue;
    }
    if (!open) {
      removed.push({ kind: 'after-comments', text: unit.text });
      continue;
    }
    if (!current) {
      current = draft(null, null, unit.indent);
      drafts.push(current);
    }
    current.texts.push(unit.text);
  }
  return { comments: finish(drafts), removed };
}

/** One forum post: header, quotes, edit note and text. */
function forumPost(post: readonly Block[], earlier: readonly Draft[], removed: Removal[]): Draft {
  const out = draft(null, null, post[0]?.indent ?? 0);
  let i = 0;
  // A post may open with who wrote it and when ("NAME" over "Posted DATE").
  const quoted = quoteHeader(post[0]?.text ?? '') !== null;
  const header = post.length > 1 && !quoted ? commentHeaderAt(post, 0) : null;
  const opening = header || quoted ? null : postedLine(post[0]?.text ?? '');
  if (header) {
    out.author = header.author;
    out.posted = header.posted;
    i = header.size;
  } else if (opening && post.length > 1) {
    out.posted = opening.posted;
    i = 1;
  }
  for (let k = 0; k < i; k++) removed.push({ kind: 'comment-header', text: post[k]!.text });
  for (; i < post.length; i++) {
    const unit = post[i]!;
    const quote = quoteHeader(unit.text);
    if (quote) {
      removed.push({ kind: 'quote-header', text: unit.text });
      i += takeQuote(post, i, post.length, quote, out, earlier) - 1;
      continue;
    }
    const editor = editedBy(unit.text);
    if (editor) {
      // "Edited by NAME" names the post's author; a short edit reason may sit under it.
      out.author ??= editor;
      removed.push({ kind: 'edit-note', text: unit.text });
      const reason = post[i + 1];
      if (reason && !reason.gapBefore && reason.text.split(' ').length <= 8) removed.push({ kind: 'edit-note', text: post[++i]!.text });
      continue;
    }
    const kind = chromeKind(unit);
    if (kind) removed.push({ kind, text: unit.text });
    else out.texts.push(unit.text);
  }
  return out;
}

/** A forum thread: posts end at their buttons; what follows the last post is page furniture. */
function forumThread(list: readonly Block[]): { comments: Comment[]; removed: Removal[] } {
  const drafts: Draft[] = [];
  const removed: Removal[] = [];
  let post: Block[] = [];
  for (const unit of list) {
    if (!isPostEnd(unit)) {
      post.push(unit);
      continue;
    }
    removed.push({ kind: chromeKind(unit) ?? 'forum-furniture', text: unit.text });
    if (post.length) drafts.push(forumPost(post, drafts, removed));
    post = [];
  }
  for (const unit of post) removed.push({ kind: chromeKind(unit) ?? 'after-comments', text: unit.text });
  return { comments: finish(drafts), removed };
}

/** The comments in a comment section's blocks, and the chrome found among them. */
export function splitComments(blocks: Block[]): { comments: Comment[]; removed: Removal[] } {
  const list = units(blocks);
  return list.some(isPostEnd) ? forumThread(list) : blogComments(list);
}

// --- where the section starts ------------------------------------------------

// How far past a heading we look for a sign that comments follow.
const EVIDENCE_REACH = 10;

/**
 * Whether comments (or an empty section's reply form) follow block i within a
 * few blocks. A name over a date is no evidence here: an article list prints
 * a category over a date too.
 */
function commentsFollow(blocks: readonly Block[], i: number): boolean {
  const end = Math.min(blocks.length, i + 1 + EVIDENCE_REACH);
  if (end === blocks.length && end - i <= 3) return true;
  const strongHeader = (j: number) => {
    const header = commentHeaderAt(blocks, j);
    return header !== null && (header.size === 1 || saysHeader(blocks[j]!) || isRelativeLine(blocks[j + 1]!.text));
  };
  for (let j = i + 1; j < end; j++) {
    const b = blocks[j]!;
    if (isReplyFormHeading(b) || commentPolicy.matches(b) || commentsClosed.matches(b) || replyLink.matches(b) || strongHeader(j)) return true;
    if (signInPrompt.matches(b) && COMMENT_WORD.test(fold(b.text))) return true;
    // A numbered comment: text on its line, or a header under a bare number.
    if (LIST_NUMBER.test(b.text) && (b.text.split(' ').length >= 5 || (j + 1 < blocks.length && commentHeaderAt(blocks, j + 1)))) return true;
  }
  return false;
}

const COMMENT_WORD = /\b(?:comment|kommentar|commentaire|comentario|commento|reactie|reply|respond|antwort|repondre|responder|rispondere)/;

// Words of text a page shows before its comments: the article comes first.
const ARTICLE_WORDS = 100;

/** Index of the first block before which the page holds an article's worth of words. */
function afterArticle(blocks: readonly Block[]): number {
  let words = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (words >= ARTICLE_WORDS) return i;
    words += blocks[i]!.text.split(' ').length;
  }
  return blocks.length;
}

/** "NAME says:", "NAME on DATE said:": a header only blog comment lists print. */
function saysHeader(block: Block): boolean {
  const folded = fold(unlisted(block.text));
  return block.text.length <= 200 && (SAYS.test(folded) || SAID.test(folded));
}

/** A counter among other counters is a list of other articles, each with its count. */
function inCounterList(blocks: readonly Block[], i: number): boolean {
  for (let j = Math.max(0, i - 6); j < Math.min(blocks.length, i + 7); j++) {
    if (j !== i && commentCount.matches(blocks[j]!) && blocks[j]!.text !== blocks[i]!.text) return true;
  }
  return false;
}

/** A counter printed again further down: the first is the article's summary line. */
function repeatedLater(blocks: readonly Block[], i: number): boolean {
  for (let j = i + 1; j < blocks.length; j++) if (blocks[j]!.text === blocks[i]!.text) return true;
  return false;
}

/** Whether the page is a forum thread: its posts end with the same buttons, at least twice. */
function isThread(blocks: readonly Block[]): boolean {
  let posts = 0;
  blocks.forEach((b, i) => {
    if (isPostEnd(b) && !(i > 0 && isPostEnd(blocks[i - 1]!))) posts++;
  });
  return posts >= 2;
}

/**
 * Index of the block where the reader comment section starts, or -1 when there
 * is none: a counter ("1 Comment", "12 Kommentare"), a comments heading, the
 * reply form's heading, or "Comments are closed", each only when comments or
 * the form follow; a blog comment header ("NAME says:") followed by more; in
 * a forum thread, the buttons that close the first post.
 */
export function commentSectionStart(blocks: Block[]): number {
  const thread = isThread(blocks);
  const first = afterArticle(blocks);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (thread && isPostEnd(b)) return i;
    if (i < first || (b.bullet && !LIST_NUMBER.test(b.text))) continue;
    if (commentCount.matches(b)) {
      if (!inCounterList(blocks, i) && !repeatedLater(blocks, i) && commentsFollow(blocks, i)) return i;
    } else if (commentHeading.matches(b) || isReplyFormHeading(b) || commentsClosed.matches(b)) {
      if (commentsFollow(blocks, i)) return i;
    } else if (saysHeader(b) && commentHeaderAt(blocks, i) && commentsFollow(blocks, i)) {
      return i > 0 && /^\d{1,4}[.)]$/.test(blocks[i - 1]!.text) ? i - 1 : i;
    }
  }
  return -1;
}
