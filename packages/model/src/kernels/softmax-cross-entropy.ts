import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

function useKernel(logits: tf.Tensor, targets: tf.Tensor): boolean {
  return logits.rank === 2 && logits.dtype === 'float32' && targets.dtype === 'float32' && hasKernel(KERNEL_NAMES.softmaxCrossEntropy);
}

/**
 * Per-sample loss `[n]` and `(softmax · Σy − y) · gradScale` `[n, c]` from logits `[n, c]` and
 * float32 target rows of the same shape, outside any gradient tape (the direct training step
 * uses it): the backend's kernel, or log-softmax ops (the reference).
 */
export function targetsCrossEntropyAndGradient(logits: tf.Tensor, targets: tf.Tensor, gradScale: number): [tf.Tensor, tf.Tensor] {
  if (useKernel(logits, targets)) {
    return runKernel<tf.Tensor[]>(KERNEL_NAMES.softmaxCrossEntropy, { logits, targets }, { gradScale }) as [tf.Tensor, tf.Tensor];
  }
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const loss = tf.neg(tf.sum(tf.mul(targets, logp), -1));
    const grad = tf.sub(tf.mul(tf.exp(logp), tf.sum(targets, -1, true)), targets);
    return [loss, gradScale === 1 ? grad : tf.mul(grad, tf.scalar(gradScale))];
  }) as [tf.Tensor, tf.Tensor];
}

/** The reference with a gradient: one log-softmax, and `softmax · Σy − y` backward. */
const generic = tf.customGrad(((logits: tf.Tensor, targets: tf.Tensor, save: tf.GradSaveFunc) => {
  const logp = tf.logSoftmax(logits);
  save([logp, targets]);
  const value = tf.neg(tf.sum(tf.mul(targets, logp), -1));
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
    const [lp, y] = saved as [tf.Tensor, tf.Tensor];
    const d = tf.expandDims(dy as tf.Tensor, -1);
    return [tf.mul(d, tf.sub(tf.mul(tf.exp(lp), tf.sum(y, -1, true)), y)), tf.zerosLike(y)];
  };
  return { value, gradFunc };
}) as any) as (logits: tf.Tensor, targets: tf.Tensor) => tf.Tensor;

/** Per-sample `−Σ y · log softmax(logits)` `[n]` over float32 targets `[n, c]`, differentiable in the logits. */
export function softmaxCrossEntropyLoss(logits: tf.Tensor, targets: tf.Tensor): tf.Tensor {
  if (useKernel(logits, targets)) {
    registerGradient();
    const [loss] = runKernel<tf.Tensor[]>(KERNEL_NAMES.softmaxCrossEntropy, { logits, targets });
    return loss!;
  }
  return generic(logits, targets);
}

let registered = false;

/** The kernel's gradient for tfjs's tape: its second output times the loss's gradient (targets get none). */
function registerGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL_NAMES.softmaxCrossEntropy)) return;
  tf.registerGradient({
    kernelName: KERNEL_NAMES.softmaxCrossEntropy,
    outputsToSave: [false, true],
    gradFunc: (dy, saved) => {
      const [dLoss] = dy as tf.Tensor[];
      const [grad] = saved as [tf.Tensor];
      return { logits: () => tf.mul(tf.expandDims(dLoss!, 1), grad), targets: () => tf.zerosLike(grad) };
    },
  });
}
