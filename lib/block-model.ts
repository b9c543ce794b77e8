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
  // bias, log_words, stop_ratio, prose, ends_sentence, punct_per_word, caps_ratio, digit_ratio, bullet, at_prose_indent, deeper_indent, short, rule_match, prev_log_words, prev_stop_ratio, next_log_words, next_stop_ratio, window_prose, window_rule, window_bullet
  weights: [-4.524, 0.49, -0.307, -0.07, 1.411, 0.579, -0.794, 0.196, 0.23, 0.445, -0.305, 0.71, -2.125, 0.376, -0.261, 0.402, -0.419, 1.627, -1.754, -0.659],
  threshold: 0.2,
  keepInside: 0.05,
};
