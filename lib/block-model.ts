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
  weights: [-4.59, 0.489, -0.22, -0.059, 1.451, 0.393, -0.688, 0.346, 0.248, 0.438, -0.376, 0.707, -2.118, 0.367, -0.208, 0.393, -0.362, 1.658, -1.735, -0.664],
  threshold: 0.2,
  keepInside: 0.05,
};
