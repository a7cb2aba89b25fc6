import type * as tf from '@tensorflow/tfjs-core';
import { convGeometry, im2col, type ConvAttrs } from '@neuralkit/core';
import type { WasmHeapBackend } from '../model-heap.js';

type Args = Parameters<tf.KernelFunc>[0];

function wasmKernel(name: string, args: Args, run: (name: string) => tf.KernelConfig | undefined): tf.TensorInfo {
  const kernel = run(name);
  if (!kernel) throw new Error(`tfjs-backend-wasm has no ${name} kernel.`);
  return kernel.kernelFunc(args) as tf.TensorInfo;
}

/**
 * `Conv2DBackpropFilter` (float32, NHWC), which tfjs-backend-wasm 4.22 lacks, so no
 * convolution could train on it. The gradient is patchesᵀ · dy: the patch matrix is written
 * straight into a heap tensor, transposed and multiplied by tfjs-backend-wasm's own
 * Transpose and BatchMatMul (XNNPACK) kernels. Multiplying with `transposeA` instead takes
 * tfjs-backend-wasm's slow path.
 */
export function conv2dBackpropFilter(args: Args, find: (name: string) => tf.KernelConfig | undefined): tf.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  if ((attrs?.dataFormat ?? 'NHWC') !== 'NHWC') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only.');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('Conv2DBackpropFilter on wasm supports float32 only.');
  const filterShape = attrs!.filterShape as number[];
  const g = convGeometry(x.shape, filterShape, attrs as unknown as ConvAttrs);
  const rows = g.batchSize * g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const heap = backend as unknown as WasmHeapBackend & tf.KernelBackend;
  const cols = heap.makeOutput([1, rows, depth], 'float32'); // before the views: allocating can move the heap
  im2col(heap.typedArrayFromHeap(x) as Float32Array, g, 0, rows, heap.typedArrayFromHeap(cols) as Float32Array);
  const colsT = wasmKernel('Transpose', { inputs: { x: cols }, backend, attrs: { perm: [0, 2, 1] } }, find);
  heap.disposeData(cols.dataId);
  try {
    const dy3 = { dataId: dy.dataId, shape: [1, rows, g.outChannels], dtype: dy.dtype };
    const out = wasmKernel('BatchMatMul', { inputs: { a: colsT, b: dy3 }, backend, attrs: { transposeA: false, transposeB: false } }, find);
    return { ...out, shape: [...filterShape] };
  } finally {
    heap.disposeData(colsT.dataId);
  }
}
