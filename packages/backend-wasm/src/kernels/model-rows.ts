import type * as tf from '@tensorflow/tfjs-core';
import { writeScaledRows } from '@neuralkit/core';
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

/**
 * `NeuralkitScaledRows`: a batch of samples kept on the host (bytes for images) scaled to float32
 * and written straight into a heap output. Building a float array first and handing it to
 * `tf.tensor` (which copies it into the heap) allocated 100 KB of host memory a step for MNIST,
 * and that allocation cost more than the copy.
 */
export function scaledRows({ backend, attrs }: KernelArgs): tf.TensorInfo {
  const { source, indices, shape, scale } = attrs as unknown as {
    source: Uint8Array | Float32Array;
    indices: ArrayLike<number>;
    shape: number[];
    scale: number;
  };
  const k = indices.length;
  const size = k === 0 ? 0 : shape.reduce((a, b) => a * b, 1) / k;
  const rows = size === 0 ? 0 : source.length / size;
  for (let b = 0; b < k; b++) {
    const i = indices[b]!;
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) {
      throw new Error(`NeuralkitScaledRows: expected row indices in [0, ${rows}), received ${i}.`);
    }
  }
  const be = backend as WasmHeapBackend;
  const out = be.makeOutput([...shape], 'float32');
  const to = be.typedArrayFromHeap(out) as Float32Array;
  writeScaledRows(source, indices, size, scale, to);
  return out;
}
