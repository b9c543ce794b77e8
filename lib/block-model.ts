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
  weights: [-4.093, 0.516, -0.324, -0.085, 1.384, 0.404, -0.644, 0.529, 0.259, 0.54, -0.343, 0.611, -2.269, 0.394, -0.252, 0.395, -0.421, 1.698, -1.477, -0.694, -1.092, -0.755, 0.021],
  threshold: 0.25,
  keepInside: 0.05,
};
