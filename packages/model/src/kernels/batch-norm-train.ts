import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

/** y, and the batch's mean and (biased) variance per channel. */
export interface BatchNormTrainResult {
  y: tf.Tensor;
  mean: tf.Tensor;
  variance: tf.Tensor;
}

/** Whether the active backend normalizes `x` (float32, channels last) in training with its kernel. */
export function hasBatchNormTrainKernel(x: tf.Tensor): boolean {
  return x.dtype === 'float32' && x.rank >= 2 && hasKernel(KERNEL_NAMES.batchNormTrain);
}

/**
 * BatchNormalization in training over the last axis of `x` with the backend's kernel (check
 * `hasBatchNormTrainKernel` first): `x` as [rows, channels], then y in `x`'s shape. Gamma is
 * always passed (ones for `scale: false`) because the tape saves it for the gradient.
 */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor | undefined, beta: tf.Tensor | undefined, epsilon: number): BatchNormTrainResult {
  registerGradient();
  const channels = x.shape[x.rank - 1]!;
  const scale = gamma ?? tf.ones([channels]);
  const inputs: tf.NamedTensorMap = { x: tf.reshape(x, [-1, channels]), gamma: scale };
  if (beta) inputs.beta = beta;
  const [y, mean, variance] = runKernel<tf.Tensor[]>(KERNEL_NAMES.batchNormTrain, inputs, { epsilon }) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return { y: tf.reshape(y, x.shape), mean, variance };
}

/** The generic gradient: `KERNEL_NAMES.batchNormTrainGrad`'s formula in tfjs-core ops. */
function genericGrad(dy: tf.Tensor, x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, gamma: tf.Tensor, epsilon: number): tf.Tensor[] {
  const rows = x.shape[0]!;
  const rstd = tf.rsqrt(tf.add(variance, epsilon));
  const xhat = tf.mul(tf.sub(x, mean), rstd);
  const dbeta = tf.sum(dy, 0);
  const dgamma = tf.sum(tf.mul(dy, xhat), 0);
  const centred = tf.sub(tf.sub(dy, tf.div(dbeta, rows)), tf.mul(xhat, tf.div(dgamma, rows)));
  return [tf.mul(tf.mul(gamma, rstd), centred), dgamma, dbeta];
}

let registered = false;

/**
 * The kernel's gradient for tfjs's tape: the backend's `batchNormTrainGrad` where it registers
 * one, else the same formula in generic ops. The three gradients come from one call, made when
 * the tape asks (inside its tidy, which frees any it does not use).
 */
function registerGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL_NAMES.batchNormTrain)) return;
  tf.registerGradient({
    kernelName: KERNEL_NAMES.batchNormTrain,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const dy = (dys as tf.Tensor[])[0]!;
      const epsilon = (attrs as unknown as { epsilon: number }).epsilon;
      const [dx, dgamma, dbeta] = hasKernel(KERNEL_NAMES.batchNormTrainGrad)
        ? runKernel<tf.Tensor[]>(KERNEL_NAMES.batchNormTrainGrad, { dy, x, mean, variance, gamma }, { epsilon })
        : genericGrad(dy, x, mean, variance, gamma, epsilon);
      return { x: () => dx!, gamma: () => dgamma!, beta: () => dbeta! };
    },
  });
}
