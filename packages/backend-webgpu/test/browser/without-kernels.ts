import * as tf from '@tensorflow/tfjs-core';

/** Runs `fn` with the webgpu kernels `names` unregistered (those registered), then registers them again. */
export async function withoutKernels<T>(names: readonly string[], fn: () => Promise<T>): Promise<T> {
  const saved = names.map((n) => tf.getKernel(n, 'webgpu')).filter((k): k is tf.KernelConfig => k !== undefined);
  for (const k of saved) tf.unregisterKernel(k.kernelName, 'webgpu');
  try {
    return await fn();
  } finally {
    for (const k of saved) tf.registerKernel(k);
  }
}
