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
