import * as tf from '@tensorflow/tfjs-core';

type HostArray = Float32Array | Int32Array | Uint8Array;

/** Awaited host copies of the training data, by tensor (see `prefetchHostCopies`). */
const copies = new WeakMap<tf.Tensor, HostArray>();

/**
 * On the cpu backend a tensor's values already live in a JS typed array, and copying whole
 * rows out of it beats the backend's gather several times over. The array is fetched here
 * once per fit/evaluate/predict with an awaited read, never with a synchronous one, so the
 * batch loop can use it without reading from the engine. Other backends keep their data on the device.
 */
export async function prefetchHostCopies(tensors: ReadonlyArray<tf.Tensor | undefined>): Promise<void> {
  if (tf.getBackend() !== 'cpu') return;
  for (const t of tensors) {
    if (!t || t.isDisposed || copies.has(t) || t.dtype === 'string' || t.dtype === 'complex64') continue;
    copies.set(t, (await t.data()) as HostArray);
  }
}

/** The host copy of `t`, when one was prefetched on the active cpu backend. */
export function hostCopy(t: tf.Tensor): HostArray | undefined {
  return tf.getBackend() === 'cpu' && !t.isDisposed ? copies.get(t) : undefined;
}
