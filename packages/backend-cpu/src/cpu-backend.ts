import * as tf from '@tensorflow/tfjs-core';
import { activateTfjsBackend, type Backend } from '@neuralkit/core';
import { registerConvKernels } from './kernels/conv/conv-kernels.js';
import { registerOptimizerKernels } from './kernels/optimizer-kernels.js';

/**
 * The reference backend: plain JavaScript kernels from `@tensorflow/tfjs-backend-cpu`.
 * Always available, in Node and in browsers; slow, but exact and the baseline every other
 * backend is compared against.
 *
 * ```ts
 * import { useBackend } from '@neuralkit/core';
 * import { cpuBackend } from '@neuralkit/backend-cpu';
 * await useBackend(cpuBackend());
 * ```
 */
export function cpuBackend(): Backend {
  return {
    name: 'cpu',
    async isAvailable() {
      return true;
    },
    async activate() {
      await import('@tensorflow/tfjs-backend-cpu'); // registers the kernels and the 'cpu' factory
      registerOptimizerKernels(); // fused optimizer updates, used by @neuralkit/optimizers when present
      registerConvKernels(); // blocked im2col convolutions and pooling in place of tfjs's direct loops
      await activateTfjsBackend('cpu');
      silenceNodeBanner();
    },
    async unavailableReason() {
      return undefined;
    },
    describe() {
      return { kernels: 'JavaScript', threads: 1 };
    },
  };
}

/**
 * tfjs-backend-cpu prints a banner advising tfjs-node on its first tensor write in Node.
 * neuralkit offers its own faster choices (wasm, cuda), so the advice is noise here. The
 * banner is guarded by a per-instance `firstUse` flag; clearing it on the instance we just
 * activated silences exactly that message and nothing else.
 */
function silenceNodeBanner(): void {
  const instance = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (instance && instance.firstUse === true) instance.firstUse = false;
}
