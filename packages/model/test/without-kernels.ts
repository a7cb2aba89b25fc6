import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES } from '@neuralkit/core';

/** Every kernel of the seam (`KERNEL_NAMES`) plus the optimizers' fused updates. */
export const SEAM_KERNELS: readonly string[] = [
  ...Object.values(KERNEL_NAMES),
  ...['SGD', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam', 'Adamax', 'Nadam'].map((o) => `Neuralkit${o}Update`),
];

/**
 * Runs `fn` with the active backend's registrations of `names` removed, so the libraries take
 * their generic tfjs-core reference paths; restores them afterwards. Returns the kernels removed.
 */
export async function withoutKernels<T>(names: readonly string[], fn: () => Promise<T> | T): Promise<T> {
  const backend = tf.getBackend();
  const saved = names.map((n) => tf.getKernel(n, backend)).filter((k): k is tf.KernelConfig => k !== undefined);
  for (const k of saved) tf.unregisterKernel(k.kernelName, backend);
  try {
    return await fn();
  } finally {
    for (const k of saved) tf.registerKernel(k);
  }
}

/** The seam kernels the active backend registers. */
export function registeredSeamKernels(): string[] {
  return SEAM_KERNELS.filter((n) => tf.getKernel(n, tf.getBackend()) !== undefined);
}
