import type * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-cpu's backend the kernels use: its storage and its output maker. */
interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** A float32 tensor's own array (no copy), or undefined when it is another dtype or not stored as one. */
export function floatArray(backend: unknown, t: tf.TensorInfo | undefined): Float32Array | undefined {
  if (t === undefined || t.dtype !== 'float32') return undefined;
  const values = (backend as CpuBackendLike).data.get(t.dataId).values;
  return values instanceof Float32Array ? values : undefined;
}

/** Hands `values` to the backend as a new float32 tensor of `shape`. */
export function output(backend: unknown, shape: number[], values: Float32Array): tf.TensorInfo {
  return (backend as CpuBackendLike).makeTensorInfo(shape, 'float32', values);
}
