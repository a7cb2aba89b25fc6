import * as tf from '@tensorflow/tfjs-core';
import { DENSE_GRADIENT_ACTIVATIONS, KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

/**
 * `x @ w + b` (relu fused when asked) for 2-D float32 `x`: the backend's `NeuralkitDense` kernel
 * where it registers one, else `tf.fused.matMul` (the reference). Differentiable either way.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor | undefined, relu: boolean): tf.Tensor2D {
  if (x.dtype === 'float32' && hasKernel(KERNEL_NAMES.dense)) {
    registerGradient();
    return runKernel<tf.Tensor2D>(KERNEL_NAMES.dense, b ? { x, w, b } : { x, w }, { relu });
  }
  return tf.fused.matMul({ a: x, b: w, bias: b, activation: relu ? 'relu' : 'linear' }) as tf.Tensor2D;
}

/** The gradients of `x @ w + b` given the output's gradient `dz`, run directly (no tape). */
export function denseGradients(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  dz: tf.Tensor2D,
  withInput: boolean,
): { dw: tf.Tensor; db: tf.Tensor; dx?: tf.Tensor } {
  const [dw, db] = denseGradParams(x, dz);
  return withInput ? { dw, db, dx: denseGradInput(dz, w) } : { dw, db };
}

/** [xᵀ · dz, Σ_rows dz]: the backend's kernel giving both, or the two references. */
export function denseGradParams(x: tf.Tensor, dz: tf.Tensor): [tf.Tensor, tf.Tensor] {
  if (hasKernel(KERNEL_NAMES.denseGradParams)) return runKernel<tf.Tensor[]>(KERNEL_NAMES.denseGradParams, { x, dz }) as [tf.Tensor, tf.Tensor];
  return [denseGradKernel(x, dz), tf.sum(dz, 0)];
}

/**
 * `actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask)`: the input's gradient carried on through a Dropout mask and
 * the activation (from its output `y`) of the layer below, in one kernel where the backend has it.
 * Undefined when it has none: the caller takes the steps one by one.
 */
export function denseGradInputActivation(dz: tf.Tensor, w: tf.Tensor, y: tf.Tensor, mask: tf.Tensor | undefined, activation: string): tf.Tensor | undefined {
  if (!hasKernel(KERNEL_NAMES.denseGradInputActivation) || !(DENSE_GRADIENT_ACTIVATIONS as readonly string[]).includes(activation)) return undefined;
  return runKernel(KERNEL_NAMES.denseGradInputActivation, mask ? { dz, w, y, mask } : { dz, w, y }, { activation });
}

/** xᵀ · dz. */
export function denseGradKernel(x: tf.Tensor, dz: tf.Tensor): tf.Tensor {
  if (hasKernel(KERNEL_NAMES.denseGradKernel)) return runKernel(KERNEL_NAMES.denseGradKernel, { x, dz });
  return tf.matMul(x as tf.Tensor2D, dz as tf.Tensor2D, true, false);
}

/** dz · wᵀ. */
export function denseGradInput(dz: tf.Tensor, w: tf.Tensor): tf.Tensor {
  if (hasKernel(KERNEL_NAMES.denseGradInput)) return runKernel(KERNEL_NAMES.denseGradInput, { dz, w });
  return tf.matMul(dz as tf.Tensor2D, w as tf.Tensor2D, false, true);
}

let registered = false;

/** The forward kernel's gradient for tfjs's tape, through the gradient kernels (or their references). */
function registerGradient(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient(KERNEL_NAMES.dense)) return;
  tf.registerGradient({
    kernelName: KERNEL_NAMES.dense,
    inputsToSave: ['x', 'w'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, w, y] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      if (attrs?.relu && hasKernel(KERNEL_NAMES.biasActivationGrad)) {
        // Relu's and the bias's gradients from one kernel; the kernel's gradient only if asked.
        const [dz, db] = runKernel<tf.Tensor[]>(KERNEL_NAMES.biasActivationGrad, { dy: dy as tf.Tensor, y }, { activation: 'relu' }) as [tf.Tensor, tf.Tensor];
        return { x: () => denseGradInput(dz, w), w: () => denseGradKernel(x, dz), b: () => db };
      }
      const dz = attrs?.relu ? tf.mul(dy as tf.Tensor, tf.step(y)) : (dy as tf.Tensor);
      if (hasKernel(KERNEL_NAMES.denseGradParams)) {
        // One kernel gives both parameter gradients (made now: the tape runs each input's thunk
        // in its own scope, which would free the other half).
        const [dw, db] = denseGradParams(x, dz);
        return { x: () => denseGradInput(dz, w), w: () => dw, b: () => db };
      }
      return { x: () => denseGradInput(dz, w), w: () => denseGradKernel(x, dz), b: () => tf.sum(dz, 0) };
    },
  });
}
