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
  weights: [-4.108, 0.52, -0.313, -0.091, 1.414, 0.43, -0.646, 0.52, 0.285, 0.526, -0.387, 0.64, -2.258, 0.39, -0.237, 0.394, -0.408, 1.67, -1.469, -0.681, -1.098, -0.732, 0.029],
  threshold: 0.25,
  keepInside: 0.05,
};
