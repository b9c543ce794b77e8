import type { Comment, Quote } from '../types.js';
import { toIsoDate } from './page-metadata.js';

/**
 * How one comment or forum system marks up its posts. Selectors are tried in
 * the order given; the first match that belongs to the post itself (not to a
 * reply nested inside it) wins.
 */
interface CommentSystem {
  name: string;
  /** Strings the page source holds when the system may be present: a cheap test before any DOM query. */
  markers: string[];
  /** One comment or post; nested replies are items too, met in page order. */
  item: string;
  author: string;
  time: string;
  text: string;
  /** Quoted posts inside the text. */
  quote: string;
  /** Who a quote quotes: an attribute, or an element whose text says "X wrote:". */
  quoteAuthor: { attr?: string; el?: string };
  /** Where a quote's own text sits, when the quote also holds its citation. */
  quoteText?: string;
  /** Bylines, dates and reply links that some themes put inside the text element. */
  furniture?: string;
  /** A forum thread: the first post is the article, the others are replies. */
  forum: boolean;
}

const SYSTEMS: CommentSystem[] = [
  {
    name: 'discourse',
    markers: ['crawler-post', 'data-post-id'],
    item: '.crawler-post, article[data-post-id]',
    author: '[itemprop="author"] [itemprop="name"], .creator, .names .username, .names a',
    time: 'time[datetime], .post-date [data-time], [data-time]',
    text: '.cooked, [itemprop="text"], .post',
    quote: 'aside.quote',
    quoteAuthor: { attr: 'data-username', el: '.title' },
    quoteText: 'blockquote',
    forum: true,
  },
  {
    name: 'invision',
    markers: ['cPost', 'elComment_'],
    item: 'article.cPost, article[id^="elComment_"]',
    author: '.cAuthorPane_author, [itemprop="author"] [itemprop="name"], .ipsComment_author',
    time: 'time[datetime]',
    text: '[data-role="commentContent"], .ipsType_richText',
    quote: 'blockquote.ipsQuote',
    quoteAuthor: { attr: 'data-ipsquote-username', el: '.ipsQuote_citation' },
    quoteText: '.ipsQuote_contents',
    forum: true,
  },
  {
    name: 'phpbb',
    markers: ['postbody', 'postprofile'],
    item: 'div.post[id^="p"]',
    author: '.author .username, .author .username-coloured, .author strong, .postprofile .username',
    time: '.author time[datetime], time[datetime], .author',
    text: '.content',
    quote: 'blockquote',
    quoteAuthor: { el: 'cite' },
    forum: true,
  },
  {
    name: 'vbulletin',
    markers: ['postbit', 'postcontainer'],
    item: 'li.postbitlegacy, li.postbit, li.postcontainer',
    author: '.username strong, a.username, .username',
    time: 'time[datetime], .postdate .date, .date',
    text: '.postcontent, [id^="post_message_"], .content',
    quote: '.bbcode_container',
    quoteAuthor: { el: '.bbcode_postedby strong' },
    quoteText: '.message',
    forum: true,
  },
  {
    name: 'disqus',
    markers: ['post-message'],
    item: '#disqus_thread li.post, #posts li.post, .post-list li.post',
    author: '.post-byline .author, .author',
    time: 'time[datetime], a.time-ago, .post-meta a[title]',
    text: '.post-message',
    quote: 'blockquote',
    quoteAuthor: {},
    forum: false,
  },
  {
    name: 'wordpress',
    markers: ['comment-list', 'commentlist', 'class="comments'],
    item: '.comment-list li.comment, .commentlist li.comment, ol.comments li.comment',
    author: '.comment-author .fn, .comment-author cite, .comment-author strong, .comment-author',
    time: '.comment-metadata time, .comment-meta time, time[datetime], .comment-metadata a, .comment-meta a, a[href*="#comment-"]',
    text: '.comment-content, .comment-text, .comment-body',
    furniture: '.comment-author, .comment-meta, .comment-metadata, .reply, .says',
    quote: 'blockquote',
    quoteAuthor: { el: 'cite' },
    forum: false,
  },
  {
    name: 'blogger',
    markers: ['comment-thread'],
    item: '.comment-thread li.comment',
    author: '.user, cite',
    time: '.datetime',
    text: '.comment-content',
    quote: 'blockquote',
    quoteAuthor: {},
    forum: false,
  },
  {
    name: 'generic',
    markers: ['comment'],
    item: '[itemtype$="/Comment"], #comments .comment, .comments .comment, .comment-section .comment, #comments article',
    author: '[itemprop="author"] [itemprop="name"], [itemprop="author"], .comment-author, .author, .username, .user, .name, cite',
    time: 'time[datetime], [itemprop="dateCreated"], [itemprop="datePublished"], .comment-date, .date, .timestamp, .time',
    text: '[itemprop="text"], .comment-content, .comment-body, .comment-text, .text, .content, .body',
    furniture: '.comment-author, .comment-meta, .comment-head, .comment-header, .reply, .comment-reply',
    quote: 'blockquote',
    quoteAuthor: { el: 'cite' },
    forum: false,
  },
];

/** Everything a comment section leaves on the page once its comments are taken. */
const SECTION_CHROME =
  '#comments, .comments-area, #respond, .comment-respond, #commentform, .comment-form, #disqus_thread, .comment-section, .comments-section, #comment-form, .comments';

/** What the comment markup of a page gave. */
export interface MarkupComments {
  comments: Comment[];
  /** A forum thread's opening post: the page's article, and who posted it when. */
  openingPost: Element | null;
  opening: Comment | null;
}

/**
 * Finds the page's comments by the markup of the first system that has any,
 * takes them out of the document, and removes what is left of the comment
 * section (headings, forms), so that none of it reaches the body.
 */
export function takeComments(document: Document, source: string, textOf: (el: Element) => string): MarkupComments {
  for (const system of SYSTEMS) {
    if (!system.markers.some((m) => source.includes(m))) continue;
    // Every item of the page, found once: `closest(system.item)` would compile
    // the selector again for each element it is asked about.
    const all = new Set(document.querySelectorAll(system.item));
    const items = [...all].filter((el) => !itemOf(el.parentElement, all) || nestedReply(el, system, all));
    const posts = items.filter((el) => own(el, system.text, all));
    if (!posts.length) continue;
    const comments = posts.map((el) => readComment(el, system, all, textOf));
    let openingPost: Element | null = null;
    let opening: Comment | null = null;
    if (system.forum) {
      openingPost = own(posts[0]!, system.text, all);
      opening = comments.shift() ?? null;
      openingPost?.remove();
    }
    for (const el of posts) el.remove();
    for (const el of document.querySelectorAll(SECTION_CHROME)) el.remove();
    return { comments, openingPost, opening };
  }
  if (source.includes('comment')) for (const el of document.querySelectorAll(SECTION_CHROME)) el.remove();
  return { comments: [], openingPost: null, opening: null };
}

/** The nearest of the items that is the element or holds it, as `closest` finds it. */
function itemOf(el: Element | null, items: Set<Element>): Element | null {
  for (let a = el; a; a = a.parentElement) if (items.has(a)) return a;
  return null;
}

/** A reply nested in its parent's markup (WordPress `ul.children`) is a comment of its own. */
function nestedReply(el: Element, system: CommentSystem, items: Set<Element>): boolean {
  const parent = itemOf(el.parentElement, items);
  return !!parent && !own(parent, system.text, items)?.contains(el);
}

/** The first element matching the selectors that belongs to this item, not to a reply inside it. */
function own(item: Element, selectors: string, items: Set<Element>): Element | null {
  for (const selector of selectors.split(/,\s*/)) {
    for (const el of item.querySelectorAll(selector)) {
      if (itemOf(el, items) === item) return el;
    }
  }
  return null;
}

function readComment(item: Element, system: CommentSystem, items: Set<Element>, textOf: (el: Element) => string): Comment {
  const textEl = own(item, system.text, items)!;
  const quotes: Quote[] = [];
  for (const q of [...textEl.querySelectorAll(system.quote)]) {
    if (q.parentElement?.closest(system.quote)) continue;
    const cite = system.quoteAuthor.el ? q.querySelector(system.quoteAuthor.el) : null;
    const citation = cite ? quotedName(cite.textContent ?? '') : null;
    const author = q.getAttribute(system.quoteAuthor.attr ?? '') ?? citation?.name ?? null;
    const stamp = q.getAttribute('data-ipsquote-timestamp');
    const posted = stamp ? toIsoDate(stamp) : citation?.rest ? toIsoDate(citation.rest) : null;
    const own = system.quoteText ? q.querySelector(system.quoteText) : null;
    if (!own) cite?.remove();
    quotes.push({ author: author || null, posted, text: textOf(own ?? q) });
    q.remove();
  }
  const author = own(item, system.author, items)?.textContent?.replace(/\s+/g, ' ').trim() || null;
  const posted = postedTime(own(item, system.time, items));
  if (system.furniture) for (const el of [...textEl.querySelectorAll(system.furniture)]) el.remove();
  return { author, posted, text: textOf(textEl), quotes };
}

// "Jane wrote:" and its kin in the languages the rules cover; what follows it is
// often the quoted post's date.
const WROTE =
  /^(.{1,80}?)\s+(?:wrote|said|says|posted|schrieb|hat geschrieben|a écrit|écrit|escribió|ha escrito|ha scritto|scrive|escreveu|disse|schreef|zei)\s*:?\s*(.*)$/i;
const QUOTE_FROM = /^(?:originally posted by|quote from|quote|zitat von|zitat|citation de|cita de|citazione di|citação de|citaat van)\s*:?\s*(.+)$/i;

/** "Jane wrote: ↑ 8 Jan 2024" → Jane, and what followed; "Quote from Jane" → Jane. */
function quotedName(text: string): { name: string; rest: string } | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = WROTE.exec(t);
  if (m) return { name: m[1]!, rest: m[2]!.replace(/^[↑^»\s]+/, '') };
  const name = (QUOTE_FROM.exec(t)?.[1] ?? t).replace(/:$/, '').trim();
  return name ? { name, rest: '' } : null;
}

/** ISO time from `datetime`, a Discourse millisecond stamp, a `title`, or the text. */
function postedTime(el: Element | null): string | null {
  if (!el) return null;
  const dt = el.getAttribute('datetime');
  if (dt) return toIsoDate(dt);
  const ms = el.getAttribute('data-time');
  if (ms && /^\d{12,13}$/.test(ms)) return new Date(+ms).toISOString().replace('.000', '');
  const title = el.getAttribute('title');
  return (title && toIsoDate(title)) || toIsoDate((el.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/^.*»\s*/, ''));
}
