import * as tf from '@tensorflow/tfjs-core';
import { activateTfjsBackend, BackendUnavailableError, isNode, type Backend } from '@neuralkit/core';
import { probeAdapter, type Adapter } from './gpu-source.js';
import { guardSyncReads } from './sync-read-guard.js';
import { registerModelKernels } from './kernels/model-kernels.js';
import { registerOptimizerKernels } from './kernels/optimizer-kernels.js';
import { registerStepProgramForWebgpu } from './training/step-program.js';

/**
 * GPU kernels from `@tensorflow/tfjs-backend-webgpu`: in browsers through the page's WebGPU,
 * in Node through Dawn from the optional `webgpu` package (Vulkan on Linux, so NVIDIA and AMD
 * GPUs with their drivers). Where no adapter is found, `isAvailable()` is false and
 * `activate()` throws a `BackendUnavailableError` that says what is missing.
 *
 * In Node, tensors on the GPU can only be read with `await tensor.data()`: `dataSync()` throws
 * a `SyncReadUnavailableError` (tfjs reads synchronously through `OffscreenCanvas`).
 *
 * ```ts
 * import { useBackend } from '@neuralkit/core';
 * import { webgpuBackend } from '@neuralkit/backend-webgpu';
 * await useBackend([webgpuBackend(), 'cpu']);
 * ```
 */
export function webgpuBackend(): Backend {
  let adapter: Adapter | undefined;
  return {
    name: 'webgpu',
    async isAvailable() {
      return (await probeAdapter()).ok;
    },
    async unavailableReason() {
      const probe = await probeAdapter();
      return probe.ok ? undefined : probe.problem;
    },
    async activate() {
      const probe = await probeAdapter();
      if (!probe.ok) throw new BackendUnavailableError('webgpu', `The webgpu backend is unavailable: ${probe.problem}`);
      adapter = probe.adapter;
      // Imported only now: it registers 'webgpu' only if navigator.gpu exists at import time.
      await import('@tensorflow/tfjs-backend-webgpu');
      await activateTfjsBackend('webgpu');
      registerOptimizerKernels();
      registerModelKernels();
      registerStepProgramForWebgpu();
      if (isNode()) guardSyncReads();
    },
    describe() {
      if (!adapter) return {};
      const info = adapter.info ?? {};
      return {
        ...(info.vendor ? { vendor: info.vendor } : {}),
        ...(info.architecture ? { architecture: info.architecture } : {}),
        ...(info.device ? { device: info.device } : {}),
        ...(info.description ? { description: info.description } : {}),
        runtime: isNode() ? 'dawn' : 'browser',
        syncReads: !isNode(),
        tfjsBackend: tf.getBackend(),
      };
    },
  };
}
