import type { Block, Comment, Removal } from './types.js';

/** Index of the block where the reader comment section starts, or -1 when there is none. */
export function commentSectionStart(_blocks: Block[]): number {
  return -1;
}

/** The comments in a comment section's blocks, and the chrome found among them. */
export function splitComments(_blocks: Block[]): { comments: Comment[]; removed: Removal[] } {
  return { comments: [], removed: [] };
}
