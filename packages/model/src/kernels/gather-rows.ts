import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

function useKernel(t: tf.Tensor): boolean {
  return t.dtype !== 'string' && t.dtype !== 'complex64' && hasKernel(KERNEL_NAMES.gatherRows);
}

/** Rows `indices` of `t`: the backend's row-copy kernel, or `tf.gather` (the reference). */
export function gatherRows(t: tf.Tensor, indices: Int32Array): tf.Tensor {
  if (useKernel(t)) return runKernel(KERNEL_NAMES.gatherRows, { x: t }, { indices });
  return tf.gather(t, tf.tensor1d(indices, 'int32'));
}

/**
 * Rows `start` to `start + size` of `t`: the row-copy kernel where the backend has one
 * (tfjs-backend-wasm's Slice reads the whole tensor back to JavaScript each time), else `tf.slice`.
 */
export function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  if (!useKernel(t)) return tf.slice(t, start, size);
  return runKernel(KERNEL_NAMES.gatherRows, { x: t }, { indices: Int32Array.from({ length: size }, (_, i) => start + i) });
}
