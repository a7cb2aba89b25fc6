/**
 * One row of a softmax crossentropy: writes `exp(z[o+j] − max)` into `out[o+j]` for the row's
 * `classes` logits (the max subtracted first, for stability) and returns the max and the sum.
 */
export function shiftedExpRow(z: ArrayLike<number>, o: number, classes: number, out: Float32Array): { max: number; sum: number } {
  let max = -Infinity;
  for (let j = 0; j < classes; j++) if (z[o + j]! > max) max = z[o + j]!;
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    const e = Math.exp(z[o + j]! - max);
    out[o + j] = e;
    sum += e;
  }
  return { max, sum };
}
