import type { Rule } from './rule.js';

/** Chrome of the page around the article: navigation, banners, prompts, footers. */
export const PAGE_RULES: readonly Rule[] = [];
