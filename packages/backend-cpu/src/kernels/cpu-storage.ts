import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the kernels use of tfjs-backend-cpu's backend object: each tensor's values live in a
 * plain typed array (reading them copies nothing), and outputs adopt a typed array as given.
 */
export interface CpuStorage {
  data: { get(dataId: object): { values: unknown; refCount: number } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array | Int32Array | Uint8Array): tf.TensorInfo;
}

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** The values behind a tensor, as stored. */
export function valuesOf(backend: unknown, t: tf.TensorInfo): NumericArray {
  return (backend as CpuStorage).data.get(t.dataId).values as NumericArray;
}

/** A float32 view of a tensor's values (a copy only when it is stored otherwise). */
export function floatsOf(backend: unknown, t: tf.TensorInfo): Float32Array {
  const v = valuesOf(backend, t);
  return v instanceof Float32Array ? v : Float32Array.from(v);
}

export function output(backend: unknown, shape: number[], values: NumericArray, dtype: tf.DataType = 'float32'): tf.TensorInfo {
  return (backend as CpuStorage).makeTensorInfo(shape, dtype, values);
}
