import { createRequire } from 'node:module';
import { Node as LinkedomNode, parseHTML } from 'linkedom';
import { DocumentError } from '../errors.js';

/** Which DOM implementation parses a page: linkedom is fast, jsdom is spec-exact. */
export type DomEngine = 'linkedom' | 'jsdom';

/** The most a page's markup may build, past which it is an error, not a page. */
export interface DomLimits {
  /** Most levels of nested elements. */
  maxDepth: number;
  /** Most elements. */
  maxNodes: number;
}

/** What a page holds before its inert markup is dropped. */
export interface ParsedPage {
  document: Document;
  /** The text of every `<script type="application/ld+json">`, in page order. */
  jsonLd: string[];
  /** The source as parsed, inert and chrome elements cut out. */
  source: string;
  /** How deep the parser nests the page's elements. */
  depth: number;
}

// Elements whose content is never text a reader sees (raw text or embedded
// media). jsdom throws on raw SCSS inside <style>.
const INERT = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'math'];
// Elements that hold only chrome and controls on every page. Building DOM nodes
// is most of the cost of reading a page, so they go before parsing. <footer>,
// <aside> and <form> wait for the DOM: comment markup uses them for authors and
// dates (WordPress), quotes (Discourse) and whole threads (IPS).
const CHROME = ['nav', 'button', 'select', 'textarea', 'dialog', 'menu'];
/** A chrome element holding this share of the page is the page's wrapper, and stays. */
const WRAPPER_SHARE = 0.3;

/**
 * Parses HTML without running scripts or fetching anything. JSON-LD blocks are
 * kept aside for the metadata stage before scripts are cut out. A page past the
 * limits fails before its DOM is built: building is what a hostile page makes
 * slow (htmlparser2 is quadratic in depth: 200,000 levels take minutes).
 */
export function parsePage(html: string, engine: DomEngine, limits: DomLimits): ParsedPage {
  const { html: cut, jsonLd } = stripMarkup(html);
  const stripped = dropUnreadNodes(cut);
  const { elements, depth } = markupShape(stripped);
  // Depth first: a deep page is also a large one, and its depth is what is wrong with it.
  if (depth > limits.maxDepth) {
    throw new DocumentError('too-deep', `elements nested ${depth} deep, past the depth limit --max-depth (${limits.maxDepth})`);
  }
  if (elements > limits.maxNodes) {
    throw new DocumentError('too-many-nodes', `${elements} elements, more than --max-nodes (${limits.maxNodes})`);
  }
  if (engine === 'jsdom') {
    // No runScripts, no resources: jsdom neither executes nor fetches.
    const { JSDOM, VirtualConsole } = loadJsdom();
    const dom = new JSDOM(stripped, { virtualConsole: new VirtualConsole() });
    return { document: dom.window.document, jsonLd, source: stripped, depth };
  }
  const document = parseHTML(`<!doctype html>${stripped}`).document as unknown as Document;
  settleTree(document);
  return { document, jsonLd, source: stripped, depth };
}

// Every linkedom node registers itself in a WeakMap of event listeners when it
// is built: a third of a page's memory. Nothing listens to events on the pages
// we parse, so a thread that builds linkedom pages for us alone (each worker of
// the pool) skips it: linkedom's Node is given a base class whose constructor
// does nothing (a node's prototype chain comes from its own class, and still
// holds EventTarget's methods: dispatching finds no listeners). It changes
// linkedom for the whole thread, which is why importing the library does not do
// it: a caller's own linkedom pages must keep their events. Done once per
// thread: swapping the base class around each page made V8 recompile
// linkedom's node constructors page after page. jsdom's nodes are untouched.
let listenersSkipped = false;
export function skipNodeListeners(): void {
  if (listenersSkipped) return;
  listenersSkipped = true;
  class Unlistened {}
  Object.setPrototypeOf(Object.getPrototypeOf(LinkedomNode), Unlistened);
  // Made a prototype, the new base class is left in V8's slow (dictionary) mode
  // until a property is first looked up on it; until then every optimised node
  // constructor is thrown away as it is installed ("dependency change") and
  // compiled again, thousands of times a run. One lookup makes it fast.
  void Unlistened.name;
}

/**
 * Gives the document the shape every later step counts on: one `<html>` holding
 * `<head>` and `<body>`, and everything a reader sees inside `<body>`. Tag soup
 * leaves text before `<html>`, elements after `</html>` or between `</head>` and
 * `<body>`, where Readability walks up from an element and never meets BODY.
 */
function settleTree(document: Document): void {
  let html: Element | null = null;
  for (let n = document.firstElementChild; n && !html; n = n.nextElementSibling) if (n.localName === 'html') html = n;
  if (!html) html = document.appendChild(document.createElement('html'));
  let head: Element | null = null;
  let body: Element | null = null;
  for (let n = html.firstElementChild; n; n = n.nextElementSibling) {
    if (n.localName === 'head' && !head && !body) head = n;
    else if (n.localName === 'body' && !body) body = n;
  }
  if (!body) body = html.appendChild(document.createElement('body'));
  if (!head) head = html.insertBefore(document.createElement('head'), html.firstChild);
  // Stray nodes keep their page order: what stands before the body goes to its
  // start, what follows it to its end.
  const [outerBefore, outerAfter] = strays(document, html, head);
  const [innerBefore, innerAfter] = strays(html, body, head);
  if (html.firstElementChild !== head || head.nextElementSibling !== body) html.append(head, body);
  body.prepend(...outerBefore, ...innerBefore);
  body.append(...innerAfter, ...outerAfter);
}

/** The children of `parent` before and after `pivot`, but for `keep` and doctypes. */
function strays(parent: ParentNode, pivot: Node, keep: Node): [ChildNode[], ChildNode[]] {
  const before: ChildNode[] = [];
  const after: ChildNode[] = [];
  let seen = false;
  for (const n of [...parent.childNodes]) {
    if (n === pivot) seen = true;
    else if (n !== keep && n.nodeType !== 10) (seen ? after : before).push(n);
  }
  return [before, after];
}

/**
 * Removes HTML comments, inert elements and chrome elements. Every step is a
 * forward scan with indexOf (no regex backtracking), so the cost is linear in
 * the page whatever it holds.
 */
export function stripMarkup(html: string): { html: string; jsonLd: string[] } {
  const { html: live, jsonLd } = stripInert(html);
  return { html: stripChrome(live), jsonLd };
}

// How htmlparser2 (linkedom's parser) builds the tree, as far as depth goes:
// void elements hold nothing, an opening tag may close the open ones it cannot
// sit in, a closing tag closes up to its element, and the content of a few
// elements is text.
const VOID = new Set('area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(' '));
const P_CLOSER = new Set(['p']);
const FORM_CLOSER = new Set('input option optgroup select button datalist textarea'.split(' '));
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...'select input output button datalist textarea'.split(' ').map((t) => [t, FORM_CLOSER] as [string, Set<string>]),
  ...'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
    .split(' ')
    .map((t) => [t, P_CLOSER] as [string, Set<string>]),
]);
const RAW_TEXT = new Set(['title', 'textarea', 'xmp']);

/**
 * How many elements the markup makes and how deep they nest, in one linear
 * scan of the tags, before any DOM is built. The open elements are a stack with
 * a count per name, so a closing tag with no open element is known at once and
 * each element is popped at most once.
 */
export function markupShape(html: string): { elements: number; depth: number } {
  const lower = html.toLowerCase();
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  let elements = 0;
  let depth = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    const closing = html.charCodeAt(i + 1) === 47;
    const start = closing ? i + 2 : i + 1;
    let end = start;
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    if (end === start || !isLetter(html.charCodeAt(start))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const name = lower.slice(start, end);
    const tagEnd = endOfTag(html, end);
    if (closing) {
      if (open.get(name)) {
        while (stack[stack.length - 1] !== name) pop();
        pop();
      }
    } else {
      elements++;
      const closes = IMPLIES_CLOSE.get(name);
      while (closes && stack.length && closes.has(stack[stack.length - 1]!)) pop();
      // A void element is a level of its own, with nothing inside.
      if (stack.length + 1 > depth) depth = stack.length + 1;
      if (!VOID.has(name)) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
      }
    }
    let next = tagEnd;
    if (!closing && RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, tagEnd);
      next = close === -1 ? html.length : close;
    }
    i = html.indexOf('<', next);
  }
  return { elements, depth };
}

/** Past the '>' that ends a tag whose name ends at `i`; a quoted attribute value may hold '>'. */
function endOfTag(html: string, i: number): number {
  let afterEquals = false;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 62) return i + 1;
    if ((c === 34 || c === 39) && afterEquals) {
      const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return html.length;
      i = close + 1;
      afterEquals = false;
      continue;
    }
    if (c === 61) afterEquals = true;
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) afterEquals = false;
    i++;
  }
  return html.length;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** What a tag name runs on with: anything but space, '/' and '>'. */
function isNameChar(c: number): boolean {
  return c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 47 && c !== 62;
}

/** Comments, doctypes and inert elements out; JSON-LD kept aside on the way. */
function stripInert(html: string): { html: string; jsonLd: string[] } {
  const lower = html.toLowerCase();
  const out: string[] = [];
  const jsonLd: string[] = [];
  let pos = 0;
  let i = lower.indexOf('<');
  while (i !== -1) {
    let end = -1;
    if (lower.startsWith('<!--', i)) {
      const close = lower.indexOf('-->', i + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (lower[i + 1] === '!' || lower[i + 1] === '?') {
      // A doctype, CDATA or other bogus comment ends at the next '>'. A doctype
      // in the middle of a page (tag soup) breaks linkedom's tree; we give our own.
      const close = lower.indexOf('>', i);
      end = close === -1 ? html.length : close + 1;
    } else {
      const inert = tagAt(lower, i, INERT);
      if (inert) {
        const openEnd = lower.indexOf('>', i);
        const close = openEnd === -1 || lower[openEnd - 1] === '/' ? openEnd : lower.indexOf(`</${inert}`, openEnd);
        if (inert === 'script' && close > openEnd && /ld\+json/.test(lower.slice(i, openEnd))) jsonLd.push(html.slice(openEnd + 1, close));
        const closeEnd = close === -1 ? -1 : lower.indexOf('>', close);
        end = closeEnd === -1 ? html.length : closeEnd + 1;
      }
    }
    if (end !== -1) {
      out.push(html.slice(pos, i));
      pos = i = end;
    } else {
      i++;
    }
    i = lower.indexOf('<', i);
  }
  out.push(html.slice(pos));
  return { html: out.join(''), jsonLd };
}

/**
 * Chrome elements out, outermost first. Opening and closing tags are paired
 * with one stack per name in a single scan; an element never closed stays, and
 * so does one that wraps a large share of the page.
 */
function stripChrome(html: string): string {
  const lower = html.toLowerCase();
  const open = new Map<string, number[]>(CHROME.map((name) => [name, []]));
  const spans: [number, number][] = [];
  for (let i = lower.indexOf('<'); i !== -1; i = lower.indexOf('<', i + 1)) {
    const closing = lower.charCodeAt(i + 1) === 47;
    const name = tagAt(lower, closing ? i + 1 : i, CHROME);
    if (!name) continue;
    const end = lower.indexOf('>', i);
    if (end === -1) break;
    if (closing) {
      const start = open.get(name)!.pop();
      if (start !== undefined) spans.push([start, end + 1]);
    } else if (lower.charCodeAt(end - 1) === 47) {
      spans.push([i, end + 1]);
    } else {
      open.get(name)!.push(i);
    }
  }
  if (!spans.length) return html;
  spans.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let pos = 0;
  for (const [start, end] of spans) {
    if (start < pos || end - start >= html.length * WRAPPER_SHARE) continue;
    out.push(html.slice(pos, start));
    pos = end;
  }
  out.push(html.slice(pos));
  return out.join('');
}

// Building DOM nodes is most of the cost of reading a page, and two kinds are
// never read: white space beside a block-level tag (no text a reader sees), and
// attributes nothing here or in Readability asks for (image sources, sizes,
// event handlers, tracking data, which are half of a page's attributes).
const BLOCK = new Set(
  'address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li link main meta nav ol p section summary table tbody td tfoot th thead title tr ul'.split(' '),
);
/** Every attribute the stages or Readability read. */
const READ_ATTRIBUTES = new Set(
  [
    'class', 'id', 'style', 'hidden', 'role', 'aria-hidden', 'aria-modal', 'lang', 'xml:lang', 'dir',
    'href', 'rel', 'title', 'datetime', 'pubdate', 'name', 'content', 'property', 'http-equiv', 'charset', 'type',
    'itemprop', 'itemtype', 'itemscope', 'summary', 'datatable', 'colspan', 'rowspan',
    'data-post-id', 'data-time', 'data-role', 'data-username', 'data-ipsquote-username', 'data-ipsquote-timestamp',
  ],
);
// Of the <link> elements only these say anything about the page; the rest
// (style sheets, preloads, icons) are a tenth of a page's elements.
const READ_LINK = /\b(?:canonical|author)\b/i;

/**
 * The page without the nodes nothing reads: white space beside block-level
 * tags, unread attributes, and <link>s other than canonical and author. One
 * forward scan; a tag's attributes are copied as written, quotes and all.
 */
export function dropUnreadNodes(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let pos = 0;
  // Whether the last tag, or the next, is block-level: white space between them goes.
  let lastBlock = true;
  let i = lower.indexOf('<');
  while (i !== -1) {
    const closing = lower.charCodeAt(i + 1) === 47;
    const start = closing ? i + 2 : i + 1;
    let nameEnd = start;
    while (nameEnd < lower.length && isNameChar(lower.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === start || !isLetter(lower.charCodeAt(start))) {
      i = lower.indexOf('<', i + 1);
      continue;
    }
    const name = lower.slice(start, nameEnd);
    const block = BLOCK.has(name);
    const text = html.slice(pos, i);
    if (!((lastBlock || block) && isBlank(text))) out.push(text);
    lastBlock = block;
    if (closing) {
      pos = endOfTag(lower, nameEnd);
      out.push(html.slice(i, pos));
    } else {
      pos = keepReadAttributes(html, lower, i, name, nameEnd, out);
      if (RAW_TEXT.has(name)) {
        const close = lower.indexOf(`</${name}`, pos);
        const textEnd = close === -1 ? html.length : close;
        out.push(html.slice(pos, textEnd));
        pos = textEnd;
      }
    }
    i = lower.indexOf('<', pos);
  }
  out.push(html.slice(pos));
  return out.join('');
}

/**
 * Copies the start tag at `i` to `out` with only the attributes something reads
 * (a <link> nothing reads not at all), and returns where the tag ends. Names and
 * values are read as htmlparser2 reads them: a name runs to space, '=', '/' or
 * '>'; a value is quoted, or runs to space or '>'.
 */
function keepReadAttributes(html: string, lower: string, i: number, name: string, nameEnd: number, out: string[]): number {
  const kept: string[] = [html.slice(i, nameEnd)];
  let rel = '';
  let j = nameEnd;
  const n = lower.length;
  while (j < n) {
    let c = lower.charCodeAt(j);
    if (c === 62) break;
    if (isSpace(c) || c === 47) {
      j++;
      continue;
    }
    const attrStart = j;
    while (j < n && (c = lower.charCodeAt(j)) !== 61 && c !== 62 && c !== 47 && !isSpace(c)) j++;
    const attr = lower.slice(attrStart, j);
    let k = j;
    while (k < n && isSpace(lower.charCodeAt(k))) k++;
    let valueStart = -1;
    let valueEnd = -1;
    if (lower.charCodeAt(k) === 61) {
      k++;
      while (k < n && isSpace(lower.charCodeAt(k))) k++;
      const q = lower.charCodeAt(k);
      if (q === 34 || q === 39) {
        const close = lower.indexOf(q === 34 ? '"' : "'", k + 1);
        valueStart = k + 1;
        valueEnd = close === -1 ? n : close;
        j = close === -1 ? n : close + 1;
      } else {
        valueStart = k;
        while (k < n && (c = lower.charCodeAt(k)) !== 62 && !isSpace(c)) k++;
        valueEnd = k;
        j = k;
      }
    }
    if (attr === 'href' && name !== 'link' && !holdsHash(html, valueStart, valueEnd)) {
      // A link's address is read only for a '#' in it: Readability weighs
      // in-page links less, comment permalinks end in '#comment-N'.
    } else if (attr === 'class' && valueEnd - valueStart > LONG_CLASS_CHARS) {
      kept.push(' class="', fewerClassNames(html.slice(valueStart, valueEnd)), '"');
    } else if (READ_ATTRIBUTES.has(attr)) {
      kept.push(' ', html.slice(attrStart, j));
      if (attr === 'rel' && valueStart !== -1) rel = html.slice(valueStart, valueEnd);
    }
  }
  const end = j < n ? j + 1 : n;
  if (name === 'link' && !READ_LINK.test(rel)) return end;
  // '/' before '>' is dropped with the attributes: in HTML it closes nothing.
  kept.push('>');
  out.push(kept.join(''));
  return end;
}

// A class value is style names, never text; real ones hold a few dozen. One of
// hundreds of thousands (hostile or generated) overflows the stack in linkedom,
// which spreads the names as arguments.
const LONG_CLASS_CHARS = 4096;
const MAX_CLASS_NAMES = 256;

/** A long class value cut to its first distinct names, as a DOM keeps them: a set. */
function fewerClassNames(value: string): string {
  const names = new Set<string>();
  for (const name of value.split(/[ \t\n\r\f]+/)) {
    if (names.size === MAX_CLASS_NAMES) break;
    if (name) names.add(name.replace(/"/g, '&quot;'));
  }
  return [...names].join(' ');
}

function holdsHash(html: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (html.charCodeAt(k) === 35) return true;
  return false;
}

function isBlank(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** The tag name from the list that an opening tag at `i` has, or null. */
function tagAt(lower: string, i: number, names: readonly string[]): string | null {
  const first = lower.charCodeAt(i + 1);
  for (const t of names) {
    if (t.charCodeAt(0) === first && lower.startsWith(t, i + 1)) {
      const next = lower.charCodeAt(i + 1 + t.length);
      // whitespace, '>' or '/' ends the name: <nav>, <nav class=…>, <nav/>
      if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13 || next === 12) return t;
    }
  }
  return null;
}

// jsdom is only for `--dom jsdom`: loading it costs about a second and tens of
// megabytes in every process and worker, so it is loaded on first use.
let jsdom: typeof import('jsdom') | undefined;
function loadJsdom(): typeof import('jsdom') {
  return (jsdom ??= createRequire(import.meta.url)('jsdom') as typeof import('jsdom'));
}
