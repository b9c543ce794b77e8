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
  weights: [-4.069, 0.516, -0.331, -0.086, 1.382, 0.407, -0.648, 0.538, 0.257, 0.541, -0.348, 0.605, -2.245, 0.392, -0.25, 0.394, -0.427, 1.696, -1.493, -0.694, -1.093, -0.75, 0.023],
  threshold: 0.25,
  keepInside: 0.05,
};
