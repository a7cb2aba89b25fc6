import * as tf from '@tensorflow/tfjs-core';
import type { WasmHeapBackend } from './kernels/model-heap.js';

let applied = false;

/**
 * tfjs-backend-wasm 4.22's OneHot kernel ignores its `dtype` attribute and takes `onValue` /
 * `offValue` as integers: it writes int32 bits into the output, so
 * `tf.oneHot(i, n, 1, 0, 'float32')` holds 1.4e-45 instead of 1, and fractional values
 * (`0.9`, `0.05`, label smoothing) become 0 (the cpu backend is right). Losses build float
 * one-hot labels this way, so training on wasm would see garbage. We wrap the kernel: compute
 * a 0/1 int32 one-hot, then write `onValue` / `offValue` into an output of the asked dtype.
 */
export function fixWasmKernels(): void {
  if (applied) return;
  applied = true;
  shareIdentity();
  const oneHot = tf.getKernel('OneHot', 'wasm');
  if (!oneHot) return;
  tf.unregisterKernel('OneHot', 'wasm');
  tf.registerKernel({
    ...oneHot,
    kernelFunc(args) {
      const attrs = (args.attrs ?? {}) as { dtype?: tf.DataType; onValue?: number; offValue?: number };
      const dtype = attrs.dtype ?? 'int32';
      if (dtype === 'int32') return oneHot.kernelFunc(args);
      const ints = oneHot.kernelFunc({ ...args, attrs: { ...args.attrs, dtype: 'int32', onValue: 1, offValue: 0 } }) as tf.TensorInfo;
      const backend = args.backend as WasmHeapBackend & tf.KernelBackend;
      // Allocate before taking views: allocating can grow the heap, which detaches views.
      const out = backend.makeOutput(ints.shape, dtype);
      const hot = backend.typedArrayFromHeap(ints);
      const values = backend.typedArrayFromHeap(out);
      const [on, off] = [attrs.onValue ?? 1, attrs.offValue ?? 0];
      for (let i = 0; i < hot.length; i++) values[i] = hot[i] === 1 ? on : off;
      backend.disposeData(ints.dataId);
      return out;
    },
  });
}

/**
 * tfjs-backend-wasm 4.22's Identity (`tf.clone`) copies the whole buffer. tfjs's tape clones
 * every tensor it saves for the backward pass, so a taped convnet step copied each conv
 * activation (11 MB for 128 × 26 × 26 × 32) once more: 23 copies a step. A clone shares the
 * buffer instead, counted by reference as Reshape does (and as tfjs-backend-cpu's Identity does);
 * nothing writes into a shared buffer (the optimizer kernels refuse one counted twice).
 */
function shareIdentity(): void {
  const identity = tf.getKernel('Identity', 'wasm');
  if (!identity) return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...identity,
    kernelFunc(args) {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      if (x.dtype === 'string') return identity.kernelFunc(args);
      (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
