import type { Block } from '../types.js';
import { COMMENT_RULES } from './comment-chrome.js';
import { PAGE_RULES } from './page-chrome.js';
import type { Rule } from './rule.js';

export type { Rule } from './rule.js';
export const RULES: readonly Rule[] = [...PAGE_RULES, ...COMMENT_RULES];

// The comment splitter asks about the same block from several places: each
// block is run past the comment rules once.
const COMMENT_KIND = new WeakMap<Block, string | null>();

/** The kind of the first comment rule that calls this block chrome, or null. */
export function commentChromeKind(block: Block): string | null {
  let kind = COMMENT_KIND.get(block);
  if (kind === undefined) {
    kind = COMMENT_RULES.find((rule) => rule.matches(block))?.kind ?? null;
    COMMENT_KIND.set(block, kind);
  }
  return kind;
}
