import * as tf from '@tensorflow/tfjs-core';
import { hostCopy } from './host-copies.js';

/** A backend's row-copy kernel (`@neuralkit/backend-wasm` registers it): attrs `{ indices }`. */
const GATHER_ROWS = 'NeuralkitGatherRows';

function hasRowKernel(t: tf.Tensor): boolean {
  return t.dtype !== 'string' && t.dtype !== 'complex64' && tf.getKernel(GATHER_ROWS, tf.getBackend()) !== undefined;
}

function rowKernel(t: tf.Tensor, indices: Int32Array): tf.Tensor {
  return tf.engine().runKernel(GATHER_ROWS, { x: t }, { indices } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * Rows `indices` of `t`. On the cpu backend a tensor's values already live in a JS typed
 * array (its host copy, fetched once with an awaited read by `prefetchHostCopies`), so copying
 * whole rows with `set` beats the backend's element-by-element gather several times over. A
 * backend with a row-copy kernel uses it; elsewhere `tf.gather`. Never reads synchronously.
 */
export function gatherRows(t: tf.Tensor, indices: Int32Array): tf.Tensor {
  if (hasRowKernel(t)) return rowKernel(t, indices);
  const all = hostCopy(t);
  if (!all) return tf.gather(t, tf.tensor1d(indices, 'int32'));
  const row = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const Ctor = all.constructor as { new (n: number): Float32Array | Int32Array | Uint8Array };
  const out = new Ctor(indices.length * row);
  for (let b = 0; b < indices.length; b++) {
    const i = indices[b]!;
    if (row === 1) out[b] = all[i]!;
    else out.set(all.subarray(i * row, (i + 1) * row), b * row);
  }
  return tf.tensor(out, [indices.length, ...t.shape.slice(1)], t.dtype);
}

/**
 * Rows `start` to `start + size` of `t`: `tf.slice`, or the row-copy kernel where the backend
 * has one (tfjs-backend-wasm's Slice reads the whole tensor back to JavaScript each time).
 */
export function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  if (!hasRowKernel(t)) return tf.slice(t, start, size);
  return rowKernel(t, Int32Array.from({ length: size }, (_, i) => start + i));
}
