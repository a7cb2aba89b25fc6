import type * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, WasmHeapBackend } from './model-heap.js';

/**
 * `@neuralkit/model`'s batch gathering for the wasm backend: `NeuralkitGatherRows` {x [N, ...]},
 * attrs {indices: Int32Array} → rows `indices` of x, `[k, ...]`, any numeric dtype. Each row is
 * one copy inside the module heap. tfjs-backend-wasm's Slice reads the whole tensor back to
 * JavaScript first (188 MB for MNIST, on every batch of an in-order pass) and its GatherV2
 * walks element by element.
 */
export function gatherRows({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x } = inputs as { x: tf.TensorInfo };
  const indices = attrs?.indices as unknown as ArrayLike<number>;
  const [rows = 0, ...rest] = x.shape;
  for (let b = 0; b < indices.length; b++) {
    const i = indices[b]!;
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) {
      throw new Error(`NeuralkitGatherRows: expected row indices in [0, ${rows}), received ${i}.`);
    }
  }
  const be = backend as WasmHeapBackend;
  const out = be.makeOutput([indices.length, ...rest], x.dtype);
  const bytes = (t: tf.TensorInfo) => {
    const view = be.typedArrayFromHeap(t);
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  };
  const from = bytes(x);
  const to = bytes(out);
  const rowBytes = rows === 0 ? 0 : from.length / rows;
  for (let b = 0; b < indices.length; b++) {
    const start = indices[b]! * rowBytes;
    to.set(from.subarray(start, start + rowBytes), b * rowBytes);
  }
  return out;
}
