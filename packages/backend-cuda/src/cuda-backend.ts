import { activateTfjsBackend, BackendUnavailableError, type Backend } from '@neuralkit/core';
import { describeMissing, missingCudaLibraries } from './cuda-libraries.js';
import { gpuNames, loadTfjsNodeGpu, probeInstallation } from './cuda-probe.js';
import { installSteps, TFJS_NODE_GPU } from './install-help.js';

/** tfjs-node-gpu registers its kernels under this tfjs backend name. */
const TFJS_BACKEND = 'tensorflow';

interface Loaded {
  ok: boolean;
  problem?: string;
  versions?: Record<string, string>;
}

let loaded: Loaded | undefined;

/** Loads the native binding once; a failure (missing libcudart...) becomes a problem. */
function load(): Loaded {
  if (loaded) return loaded;
  const probe = probeInstallation();
  if (!probe.ok) return { ok: false, problem: probe.problem }; // not cached: the user may install it
  try {
    // tfjs-node-gpu requires @tensorflow/tfjs 4.22.0 → @tensorflow/tfjs-core 4.22.0 (exact
    // pins), the same copy our packages import, so its kernels land in the one engine.
    loaded = { ok: true, versions: loadTfjsNodeGpu().version };
  } catch (error) {
    const first = String((error as Error)?.message ?? error).split('\n')[0];
    loaded = { ok: false, problem: `${TFJS_NODE_GPU} failed to load its native binding: ${first}` };
  }
  return loaded;
}

/**
 * Why cuda cannot run here, or undefined. The CUDA libraries are checked before loading: where
 * one is missing, libtensorflow would not fail but silently compute on the CPU.
 */
async function reason(): Promise<string | undefined> {
  const probe = probeInstallation();
  const missing = await missingCudaLibraries();
  const libraries = missing.length
    ? `Missing CUDA libraries (searched LD_LIBRARY_PATH, /etc/ld.so.conf and the system folders): ${describeMissing(missing)}.`
    : undefined;
  if (!probe.ok) return [probe.problem, libraries, installSteps()].filter(Boolean).join(' ');
  if (libraries) return `${libraries} ${installSteps()}`;
  const state = load();
  return state.ok ? undefined : `${state.problem} ${installSteps()}`;
}

/**
 * NVIDIA GPUs in Node through the optional `@tensorflow/tfjs-node-gpu` (TensorFlow's C
 * library with CUDA 11.2 and cuDNN 8.1). Where it is missing, `isAvailable()` is false and
 * `activate()` throws a `BackendUnavailableError` that says how to install it.
 *
 * ```ts
 * import { useBackend } from '@neuralkit/core';
 * import { cudaBackend } from '@neuralkit/backend-cuda';
 * await useBackend(cudaBackend());
 * ```
 */
export function cudaBackend(): Backend {
  return {
    name: 'cuda',
    async isAvailable() {
      try {
        return (await reason()) === undefined;
      } catch {
        return false;
      }
    },
    async unavailableReason() {
      return reason();
    },
    async activate() {
      const why = await reason();
      if (why !== undefined) throw new BackendUnavailableError('cuda', `The cuda backend is unavailable: ${why}`);
      await activateTfjsBackend(TFJS_BACKEND);
    },
    describe() {
      const versions = loaded?.versions ?? {};
      return {
        tfjsBackend: TFJS_BACKEND,
        gpus: gpuNames(),
        ...(versions['tfjs-node'] ? { tfjsNode: versions['tfjs-node'] } : {}),
      };
    },
  };
}
