// Written by scripts/train-block-model.ts from the lynx dumps in shared/bench; do not edit by hand.

/** Logistic regression over FEATURES, and the thresholds the body search uses with it. */
export interface BlockModel {
  weights: readonly number[];
  /** A block adds to the body region when its probability is above this. */
  threshold: number;
  /** Inside the region, blocks below this probability are dropped as boilerplate. */
  keepInside: number;
}

export const BLOCK_MODEL: BlockModel = {
  // bias, log_words, stop_ratio, prose, ends_sentence, punct_per_word, caps_ratio, digit_ratio, bullet, at_prose_indent, deeper_indent, short, rule_match, prev_log_words, prev_stop_ratio, next_log_words, next_stop_ratio, window_prose, window_rule, window_bullet, position, separators, headline_like
  weights: [-4.065, 0.502, -0.3, -0.058, 1.457, 0.474, -0.701, 0.476, 0.304, 0.493, -0.388, 0.663, -2.164, 0.386, -0.247, 0.395, -0.419, 1.639, -1.521, -0.676, -1.134, -0.711, 0.071],
  threshold: 0.25,
  keepInside: 0.05,
};
