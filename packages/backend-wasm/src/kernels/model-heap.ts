import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the model kernels use of tfjs-backend-wasm's backend object: outputs allocated on
 * the module heap, and typed-array views of a tensor's bytes there (no copy).
 */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

/**
 * Allocates the outputs first, then returns views of inputs and outputs: allocating can grow
 * the heap, which detaches views made before it.
 */
export function heapViews(
  backend: unknown,
  inputs: readonly tf.TensorInfo[],
  outputShapes: readonly number[][],
): { outputs: tf.TensorInfo[]; views: Array<Float32Array | Int32Array | Uint8Array>; out: Float32Array[] } {
  const be = backend as WasmHeapBackend;
  const outputs = outputShapes.map((shape) => be.makeOutput(shape, 'float32'));
  const views = inputs.map((t) => be.typedArrayFromHeap(t));
  const out = outputs.map((t) => be.typedArrayFromHeap(t) as Float32Array);
  return { outputs, views, out };
}
