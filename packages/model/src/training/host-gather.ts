import * as tf from '@tensorflow/tfjs-core';

/**
 * Rows `indices` of `t`. On the cpu backend a tensor's values already live in a JS typed
 * array (reading them copies nothing), so copying whole rows with `set` beats the backend's
 * element-by-element gather several times over. Elsewhere `tf.gather`.
 */
export function gatherRows(t: tf.Tensor, indices: Int32Array): tf.Tensor {
  if (tf.getBackend() !== 'cpu' || t.dtype === 'string' || t.dtype === 'complex64') {
    return tf.gather(t, tf.tensor1d(indices, 'int32'));
  }
  const all = t.dataSync() as Float32Array | Int32Array | Uint8Array;
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
