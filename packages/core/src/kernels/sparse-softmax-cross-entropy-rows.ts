import { shiftedExpRow } from './softmax-row.js';

/** Arrays for one batch of `sparseSoftmaxCrossEntropyRows`; `loss` and `grad` are written. */
export interface SoftmaxCrossEntropyRows {
  /** [rows, classes] logits, row-major. */
  logits: ArrayLike<number>;
  /** [rows] class indices, already range-checked. */
  labels: ArrayLike<number>;
  /** [rows] out: logsumexp(z) − z[label]. */
  loss: Float32Array;
  /** [rows, classes] out: (softmax(z) − onehot(label)) · gradScale. */
  grad: Float32Array;
  classes: number;
  gradScale?: number;
}

/**
 * The arithmetic of the fused sparse softmax crossentropy kernels that backends register for
 * `@neuralkit/model` (cpu over its JS arrays, wasm over its heap): one pass per row, with the
 * max subtracted before `exp` for stability.
 */
export function sparseSoftmaxCrossEntropyRows(batch: SoftmaxCrossEntropyRows): void {
  const { logits: z, labels: y, loss, grad, classes: c } = batch;
  const scale = batch.gradScale ?? 1;
  for (let i = 0; i < loss.length; i++) {
    const o = i * c;
    const { max, sum } = shiftedExpRow(z, o, c, grad);
    const label = y[i]!;
    for (let j = 0; j < c; j++) grad[o + j]! /= sum;
    grad[o + label]! -= 1;
    if (scale !== 1) for (let j = 0; j < c; j++) grad[o + j]! *= scale;
    loss[i] = Math.log(sum) - (z[o + label]! - max);
  }
}
