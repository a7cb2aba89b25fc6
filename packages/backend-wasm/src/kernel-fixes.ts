import * as tf from '@tensorflow/tfjs-core';

let applied = false;

/**
 * tfjs-backend-wasm 4.22's OneHot kernel ignores its `dtype` attribute: it writes int32
 * bits into the output, so `tf.oneHot(i, n, 1, 0, 'float32')` holds 1.4e-45 instead of 1
 * (the cpu backend is right). Losses build float one-hot labels this way, so training on
 * wasm would see garbage. We wrap the kernel: compute int32, then cast with wasm's Cast.
 */
export function fixWasmKernels(): void {
  if (applied) return;
  applied = true;
  const oneHot = tf.getKernel('OneHot', 'wasm');
  const cast = tf.getKernel('Cast', 'wasm');
  if (!oneHot || !cast) return;
  tf.unregisterKernel('OneHot', 'wasm');
  tf.registerKernel({
    ...oneHot,
    kernelFunc(args) {
      const dtype = (args.attrs as { dtype?: tf.DataType } | undefined)?.dtype ?? 'int32';
      if (dtype === 'int32') return oneHot.kernelFunc(args);
      const ints = oneHot.kernelFunc({ ...args, attrs: { ...args.attrs, dtype: 'int32' } }) as tf.TensorInfo;
      const out = cast.kernelFunc({ inputs: { x: ints }, backend: args.backend, attrs: { dtype } });
      (args.backend as tf.KernelBackend).disposeData(ints.dataId);
      return out;
    },
  });
}
