import { JSDOM, VirtualConsole } from 'jsdom';
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
    const dom = new JSDOM(stripped, { virtualConsole: new VirtualConsole() });
    return { document: dom.window.document, jsonLd, source: stripped };
  }
  // linkedom reads a fragment without <html> as the whole document; wrap it.
  const source = /<html[\s>]/i.test(stripped.slice(0, 4096)) ? stripped : `<!doctype html><html><body>${stripped}</body></html>`;
  return { document: parseHTML(source).document as unknown as Document, jsonLd, source: stripped };
}

/**
 * Removes HTML comments, inert elements and chrome elements with one forward
 * scan (indexOf, no regex backtracking), so the cost is linear in the page.
 */
export function stripMarkup(html: string): { html: string; jsonLd: string[] } {
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
      const chrome = inert ? null : tagAt(lower, i, CHROME);
      if (inert) {
        const openEnd = lower.indexOf('>', i);
        const close = openEnd === -1 || lower[openEnd - 1] === '/' ? openEnd : lower.indexOf(`</${inert}`, openEnd);
        if (inert === 'script' && close > openEnd && /ld\+json/.test(lower.slice(i, openEnd))) jsonLd.push(html.slice(openEnd + 1, close));
        const closeEnd = close === -1 ? -1 : lower.indexOf('>', close);
        end = closeEnd === -1 ? html.length : closeEnd + 1;
      } else if (chrome) {
        const close = closingTag(lower, i, chrome);
        if (close !== -1 && close - i < html.length * WRAPPER_SHARE) end = close;
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

/**
 * The index just past the tag that closes the element opened at `start`,
 * counting nested elements of the same name; -1 when it is never closed. Stops
 * looking once the element would be a wrapper anyway.
 */
function closingTag(lower: string, start: number, name: string): number {
  const limit = start + lower.length * WRAPPER_SHARE;
  let depth = 0;
  let i = start;
  while (i !== -1 && i < limit) {
    if (lower.startsWith('</', i) && tagAt(lower, i + 1, [name])) {
      depth--;
      if (depth === 0) {
        const end = lower.indexOf('>', i);
        return end === -1 ? -1 : end + 1;
      }
    } else if (tagAt(lower, i, [name])) {
      const openEnd = lower.indexOf('>', i);
      if (openEnd !== -1 && lower[openEnd - 1] === '/' && depth === 0) return openEnd + 1;
      depth++;
    }
    i = lower.indexOf('<', i + 1);
  }
  return -1;
}
