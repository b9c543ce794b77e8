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
  weights: [-4.105, 0.519, -0.314, -0.092, 1.414, 0.427, -0.65, 0.519, 0.288, 0.524, -0.386, 0.64, -2.251, 0.391, -0.238, 0.395, -0.412, 1.673, -1.469, -0.686, -1.103, -0.731, 0.03],
  threshold: 0.25,
  keepInside: 0.05,
};
