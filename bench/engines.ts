import { normalizeDocument } from '../lib/index.js';

/** An extractor under test: a page's bytes in, its body text out. */
export type Engine = (page: { id: string; bytes: Buffer; ext: string }) => string;

/** Every engine the bench can run, ours first; baselines are measured in the same run. */
export const ENGINES: Record<string, Engine> = {
  unchrome: (page) => normalizeDocument({ id: page.id, source: page.id, bytes: page.bytes, ext: page.ext }).body,
};
