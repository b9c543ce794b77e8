import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';

/** Which DOM implementation parses a page: linkedom is fast, jsdom is spec-exact. */
export type DomEngine = 'linkedom' | 'jsdom';

/** What a page holds before its inert markup is dropped. */
export interface ParsedPage {
  document: Document;
  /** The text of every `<script type="application/ld+json">`, in page order. */
  jsonLd: string[];
  /** The source as parsed, inert and chrome elements cut out. */
  source: string;
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
 * kept aside for the metadata stage before scripts are cut out.
 */
export function parsePage(html: string, engine: DomEngine): ParsedPage {
  const { html: cut, jsonLd } = stripMarkup(html);
  const stripped = dropBlockGaps(cut);
  if (engine === 'jsdom') {
    // No runScripts, no resources: jsdom neither executes nor fetches.
    const { JSDOM, VirtualConsole } = loadJsdom();
    const dom = new JSDOM(stripped, { virtualConsole: new VirtualConsole() });
    return { document: dom.window.document, jsonLd, source: stripped };
  }
  // linkedom reads a fragment without <html> as the whole document; wrap it.
  const source = /<html[\s>]/i.test(stripped.slice(0, 4096)) ? stripped : `<!doctype html><html><body>${stripped}</body></html>`;
  return { document: parseHTML(source).document as unknown as Document, jsonLd, source: stripped };
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

/** Comments and inert elements out; JSON-LD kept aside on the way. */
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

// White space between two block-level tags is no text a reader sees, yet each
// run would become a DOM node. `[^<>]*` keeps the scan linear: it never runs past
// the next tag.
const BLOCK_GAP =
  /(<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|main|figure|h[1-6]|head|meta|link|title|html|body|hr|br)\b[^<>]*>)\s+(?=<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|main|figure|h[1-6]|head|meta|link|title|body|hr|br)\b)/gi;

/** The page without the white space between block-level tags. */
export function dropBlockGaps(html: string): string {
  return html.replace(BLOCK_GAP, '$1');
}

/** The tag name from the list that an opening tag at `i` has, or null. */
function tagAt(lower: string, i: number, names: readonly string[]): string | null {
  for (const t of names) {
    if (lower.startsWith(t, i + 1)) {
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
