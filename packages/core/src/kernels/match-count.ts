/** Arrays for one batch of `weightedMatchCount`. */
export interface MatchCountRows {
  /** [rows, classes] scores, row-major. */
  pred: ArrayLike<number>;
  /** [rows] class indices, or [rows, classes] scores whose top entry is the class (`labelsAreScores`). */
  labels: ArrayLike<number>;
  /** [rows] per-row weights; absent: every row weighs 1. */
  weights?: ArrayLike<number> | undefined;
  rows: number;
  classes: number;
  labelsAreScores: boolean;
}

/**
 * The index of the largest of `classes` values from `offset`, the first on ties, as tf.argMax:
 * a NaN is never larger, so it wins only as the first value.
 */
export function topIndex(values: ArrayLike<number>, offset: number, classes: number): number {
  let best = 0;
  let top = values[offset]!;
  for (let j = 1; j < classes; j++) {
    const v = values[offset + j]!;
    if (v > top) {
      top = v;
      best = j;
    }
  }
  return best;
}

/**
 * Σᵢ wᵢ · [argmax(predᵢ) = labelᵢ]: the weighted count of rows whose top score is the label's
 * class — Keras's SparseCategoricalAccuracy (labels compared as floats: 2.5 matches nothing) and,
 * with score labels, CategoricalAccuracy. Summed in float64, then rounded once to float32 by the
 * caller's array.
 */
export function weightedMatchCount(batch: MatchCountRows): number {
  const { pred, labels, weights, rows, classes, labelsAreScores } = batch;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const label = labelsAreScores ? topIndex(labels, i * classes, classes) : labels[i]!;
    if (topIndex(pred, i * classes, classes) === label) sum += weights ? weights[i]! : 1;
  }
  return sum;
}
