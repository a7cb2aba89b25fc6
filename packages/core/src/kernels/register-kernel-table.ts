import * as tf from '@tensorflow/tfjs-core';

/** An adapter's kernels by name, each taking tfjs-core's kernel arguments (typed as it needs). */
export type KernelTable = Readonly<Record<string, (args: never) => tf.TensorInfo | tf.TensorInfo[]>>;

/**
 * Registers each kernel of `table` for `backendName` once: a name that already has a kernel for
 * that backend (ours from an earlier call, or another package's) is left alone, so adapters can
 * call this every time their backend is set up.
 */
export function registerKernelTable(backendName: string, table: KernelTable): void {
  for (const [kernelName, fn] of Object.entries(table)) {
    if (tf.getKernel(kernelName, backendName) !== undefined) continue;
    tf.registerKernel({ kernelName, backendName, kernelFunc: fn as unknown as tf.KernelFunc });
  }
}
