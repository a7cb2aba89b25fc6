import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

function useKernel(logits: tf.Tensor, labels: tf.Tensor): boolean {
  return logits.rank === 2 && logits.dtype === 'float32' && labels.rank === 1 && hasKernel(KERNEL_NAMES.sparseSoftmaxCrossEntropy);
}

/** Float32 one-hot rows for class indices `[n]` of any numeric dtype. */
function oneHotOf(labels: tf.Tensor, classes: number): tf.Tensor {
  const indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  // int32 then cast: the wasm backend's OneHot writes garbage for a float32 output.
  return tf.cast(tf.oneHot(indices as tf.Tensor1D, classes), 'float32');
}

/**
 * Per-sample loss `[n]` and `(softmax − onehot) · gradScale` `[n, c]` from logits `[n, c]` and
 * class indices `[n]`, outside any gradient tape (the direct training step uses it): the backend's
 * kernel, or log-softmax ops (the reference).
 */
export function crossEntropyAndGradient(logits: tf.Tensor, labels: tf.Tensor, gradScale: number): [tf.Tensor, tf.Tensor] {
  if (useKernel(logits, labels)) return runKernel<tf.Tensor[]>(KERNEL_NAMES.sparseSoftmaxCrossEntropy, { logits, labels }, { gradScale }) as [tf.Tensor, tf.Tensor];
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const oneHot = oneHotOf(labels, logits.shape[1]!);
    const loss = tf.neg(tf.sum(tf.mul(oneHot, logp), -1));
    const grad = tf.sub(tf.exp(logp), oneHot);
    return [loss, gradScale === 1 ? grad : tf.mul(grad, tf.scalar(gradScale))];
  }) as [tf.Tensor, tf.Tensor];
}

/** The reference with a gradient: one log-softmax and a four-op backward pass. */
const generic = tf.customGrad(((logits: tf.Tensor, oneHot: tf.Tensor, save: tf.GradSaveFunc) => {
  const logp = tf.logSoftmax(logits);
  save([logp, oneHot]);
  const value = tf.neg(tf.sum(tf.mul(oneHot, logp), -1));
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
    const [lp, oh] = saved as [tf.Tensor, tf.Tensor];
    const d = tf.expandDims(dy as tf.Tensor, -1);
    return [tf.mul(d, tf.sub(tf.exp(lp), oh)), tf.zerosLike(oh)];
  };
  return { value, gradFunc };
}) as any) as (logits: tf.Tensor, oneHot: tf.Tensor) => tf.Tensor;

/** Per-sample `-log softmax(logits)[label]` `[n]`, differentiable (the taped path). */
export function sparseSoftmaxCrossEntropyLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  if (useKernel(logits, labels)) {
    registerGradient();
    const [loss] = runKernel<tf.Tensor[]>(KERNEL_NAMES.sparseSoftmaxCrossEntropy, { logits, labels });
    return loss!;
  }
  return generic(logits, oneHotOf(labels, logits.shape[logits.rank - 1]!));
}

let registered = false;

/** The kernel's gradient for tfjs's tape: its second output, `softmax − onehot`, times the loss's gradient. */
function registerGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL_NAMES.sparseSoftmaxCrossEntropy)) return;
  tf.registerGradient({
    kernelName: KERNEL_NAMES.sparseSoftmaxCrossEntropy,
    outputsToSave: [false, true],
    gradFunc: (dy, saved) => {
      const [dLoss] = dy as tf.Tensor[];
      const [grad] = saved as [tf.Tensor];
      return { logits: () => tf.mul(tf.expandDims(dLoss!, 1), grad), labels: () => tf.zeros(grad.shape.slice(0, 1)) };
    },
  });
}
