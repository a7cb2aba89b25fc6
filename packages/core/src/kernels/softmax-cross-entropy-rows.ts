import { shiftedExpRow } from './softmax-row.js';

/** Arrays for one batch of `softmaxCrossEntropyRows`; `loss` and `grad` are written. */
export interface DenseSoftmaxCrossEntropyRows {
  /** [rows, classes] logits, row-major. */
  logits: ArrayLike<number>;
  /** [rows, classes] targets (one-hot or smoothed rows), row-major. */
  targets: ArrayLike<number>;
  /** [rows] out: Σⱼ yⱼ · (logsumexp(z) − zⱼ). */
  loss: Float32Array;
  /** [rows, classes] out: (softmax(z) · Σⱼ yⱼ − y) · gradScale. */
  grad: Float32Array;
  classes: number;
  gradScale?: number;
}

/**
 * The arithmetic of the fused softmax crossentropy over one-hot (or smoothed) targets that
 * backends register for `@neuralkit/model`: one pass per row, the max subtracted before `exp`.
 * The gradient is the exact one of the loss, `softmax · Σy − y`, which is `softmax − y` for
 * targets summing to 1.
 */
export function softmaxCrossEntropyRows(batch: DenseSoftmaxCrossEntropyRows): void {
  const { logits: z, targets: y, loss, grad, classes: c } = batch;
  const scale = batch.gradScale ?? 1;
  for (let i = 0; i < loss.length; i++) {
    const o = i * c;
    const { max, sum } = shiftedExpRow(z, o, c, grad);
    const lse = Math.log(sum);
    let mass = 0;
    let value = 0;
    for (let j = 0; j < c; j++) {
      const t = y[o + j]!;
      mass += t;
      if (t !== 0) value += t * (lse - (z[o + j]! - max));
    }
    for (let j = 0; j < c; j++) grad[o + j] = ((grad[o + j]! / sum) * mass - y[o + j]!) * scale;
    loss[i] = value;
  }
}
