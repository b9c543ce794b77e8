import type { Block } from '../types.js';
import { COMMENT_RULES } from './comment-chrome.js';
import { PAGE_RULES } from './page-chrome.js';
import type { Rule } from './rule.js';

export type { Rule } from './rule.js';
export const RULES: readonly Rule[] = [...PAGE_RULES, ...COMMENT_RULES];

/** The kind of the first comment rule that calls this block chrome, or null. */
export function commentChromeKind(block: Block): string | null {
  for (const rule of COMMENT_RULES) if (rule.matches(block)) return rule.kind;
  return null;
}
