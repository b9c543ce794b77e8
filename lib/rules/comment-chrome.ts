import type { Rule } from './rule.js';

/** Chrome of comment sections and forums: reply forms, policies, post furniture. */
export const COMMENT_RULES: readonly Rule[] = [];
