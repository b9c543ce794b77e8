import { createRequire } from 'node:module';
import { decode } from '../lib/decode.js';
import { stripMarkup } from '../lib/html/dom.js';
import { normalizeDocument } from '../lib/index.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO } from '../lib/options.js';

/** An extractor under test: a page's bytes in, its body text out. */
export type Engine = (page: { id: string; bytes: Buffer; ext: string }) => string | Promise<string>;

/**
 * Plain @mozilla/readability on jsdom, as most JavaScript users run it: the
 * page decoded as ours is, no scripts, no fetching. jsdom throws on a few
 * pages' raw SCSS inside <style>; those are retried with inert markup cut out.
 */
function readabilityJsdom(page: { id: string; bytes: Buffer; ext: string }): string {
  const { Readability, JSDOM, VirtualConsole } = baselineModules();
  const { text } = decode({ id: page.id, source: page.id, bytes: page.bytes, format: 'html', ext: page.ext }, { maxBytes: DEFAULT_MAX_BYTES, maxRatio: DEFAULT_MAX_RATIO });
  const parse = (html: string) => {
    const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
    try {
      return new Readability(dom.window.document).parse()?.textContent ?? '';
    } finally {
      dom.window.close();
    }
  };
  try {
    return parse(text);
  } catch {
    return parse(stripMarkup(text).html);
  }
}

// Each engine runs in a process of its own and loads only what it uses, so that
// the peak memory measured for ours does not count the baseline's jsdom.
let baseline: (typeof import('@mozilla/readability') & typeof import('jsdom')) | undefined;
function baselineModules(): typeof import('@mozilla/readability') & typeof import('jsdom') {
  const require = createRequire(import.meta.url);
  return (baseline ??= { ...require('@mozilla/readability'), ...require('jsdom') });
}

/** Every engine the bench can run, ours first; baselines are measured in the same run. */
export const ENGINES: Record<string, Engine> = {
  unchrome: (page) => normalizeDocument({ id: page.id, source: page.id, bytes: page.bytes, ext: page.ext }).body,
  'readability-jsdom': readabilityJsdom,
};
