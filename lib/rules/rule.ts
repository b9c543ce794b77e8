import type { Block } from '../types.js';

/**
 * A named piece of chrome and how to recognise one block of it. Rules are pure
 * predicates over one block; where a block stands on the page is classify's
 * business. Every rule carries real lines it must remove and real lines it must
 * keep: test/rules.test.ts holds each rule to them.
 */
export interface Rule {
  /** The `kind` of the removal it explains, e.g. `cookie-notice`. */
  kind: string;
  matches(block: Block): boolean;
  examples: { removes: string[]; keeps: string[] };
}
