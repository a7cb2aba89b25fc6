import type * as tf from '@tensorflow/tfjs-core';
import { col2imAdd, convGeometry, type ConvAttrs } from '@neuralkit/core';
import type { WasmHeapBackend } from '../model-heap.js';

type Args = Parameters<tf.KernelFunc>[0];
type Find = (name: string) => tf.KernelConfig | undefined;

/**
 * `Conv2DBackpropInput` (float32, NHWC) as one XNNPACK product and a scatter: `dy` rows times
 * the filter matrix transposed give each output position's patch gradient, which is added back
 * onto the input positions the patch was read from. tfjs-backend-wasm's own kernel is a direct
 * loop, about six times slower on the MNIST convnet's second layer.
 */
export function conv2dBackpropInput(args: Args, find: Find): tf.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const inputShape = attrs!.inputShape as number[];
  const g = convGeometry(inputShape, filter.shape, attrs as unknown as ConvAttrs);
  const rows = g.batchSize * g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const heap = backend as unknown as WasmHeapBackend & tf.KernelBackend;
  // The filter is transposed first: BatchMatMul with `transposeB` is eight times slower here.
  const filterT = find('Transpose')!.kernelFunc({
    inputs: { x: { dataId: filter.dataId, shape: [depth, g.outChannels], dtype: 'float32' } },
    backend,
    attrs: { perm: [1, 0] },
  }) as tf.TensorInfo;
  const product = find('BatchMatMul')!.kernelFunc({
    inputs: {
      a: { dataId: dy.dataId, shape: [1, rows, g.outChannels], dtype: 'float32' },
      b: { dataId: filterT.dataId, shape: [1, g.outChannels, depth], dtype: 'float32' },
    },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
  heap.disposeData(filterT.dataId);
  try {
    const dx = heap.makeOutput([...inputShape], 'float32'); // before the views: allocating can move the heap
    const dxValues = heap.typedArrayFromHeap(dx) as Float32Array;
    dxValues.fill(0);
    col2imAdd(heap.typedArrayFromHeap(product) as Float32Array, g, 0, rows, dxValues);
    return dx;
  } finally {
    heap.disposeData(product.dataId);
  }
}
