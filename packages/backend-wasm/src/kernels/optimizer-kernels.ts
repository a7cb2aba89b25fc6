import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_UPDATE_RULES, optimizerUpdateKernel, setOptimizerKernelLimit, type UpdateArrays } from '@neuralkit/core';
import type { WasmHeapBackend } from './model-heap.js';

/** The optimizers with a fused update kernel on this backend. */
export const FUSED_OPTIMIZERS = Object.keys(OPTIMIZER_UPDATE_RULES);

/** The tfjs-backend-wasm internals the kernel uses: its per-buffer records (heap offset, tensor id). */
interface WasmStorage extends WasmHeapBackend {
  refCount(dataId: object): number;
  disposeData(dataId: object): boolean;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
}

/**
 * An optimizer update kernel (`optimizerUpdateKernel` in `@neuralkit/core`) over the module heap:
 * one pass instead of the two dozen small kernels of the generic update.
 *
 * The new values go into fresh heap buffers that are then swapped into the variable's and the
 * slots' records (heap offset and tensor id together), and the old buffers are freed. Writing in
 * place would be wrong: XNNPACK's matrix products cache the packed form of a weight matrix under
 * its tensor id, so a weight rewritten under the same id would be multiplied with stale values.
 * A buffer another tensor shares (reference count above 1) or one passed twice is refused.
 */
function makeKernel(optimizer: string): tf.KernelConfig {
  const { rule } = OPTIMIZER_UPDATE_RULES[optimizer]!;
  const kernelName = optimizerUpdateKernel(optimizer);
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const be = backend as unknown as WasmStorage;
      const arrays: UpdateArrays = {};
      const written = new Map<object, string>();
      for (const key of Object.keys(inputs)) {
        const info = inputs[key];
        if (!info) continue;
        if (info.dtype !== 'float32') throw new Error(`${kernelName}: input \`${key}\` must be float32, received ${info.dtype}.`);
        if (key !== 'gradient') {
          const count = be.refCount(info.dataId);
          if (count !== 1) throw new Error(`${kernelName}: input \`${key}\` shares its buffer (${count} references).`);
          const twin = written.get(info.dataId);
          if (twin !== undefined) throw new Error(`${kernelName}: input \`${key}\` is the same buffer as \`${twin}\`.`);
          written.set(info.dataId, key);
        }
      }
      const size = tf.util.sizeFromShape(inputs.gradient!.shape);
      for (const key of Object.keys(inputs)) {
        const n = tf.util.sizeFromShape(inputs[key]!.shape);
        if (n !== size) throw new Error(`${kernelName}: \`${key}\` has ${n} values, the gradient ${size}.`);
      }
      // Allocate first: growing the heap detaches views taken before.
      const fresh = new Map([...written].map(([dataId, key]) => [key, { dataId, out: be.makeOutput(inputs[key]!.shape, 'float32') }]));
      const next: UpdateArrays = {};
      for (const key of Object.keys(inputs)) arrays[key] = be.typedArrayFromHeap(inputs[key]!) as Float32Array;
      for (const [key, { out }] of fresh) next[key] = be.typedArrayFromHeap(out) as Float32Array;
      rule(arrays.gradient!, arrays, next, attrs ?? {});
      for (const { dataId, out } of fresh.values()) {
        const [held, made] = [be.dataIdMap.get(dataId), be.dataIdMap.get(out.dataId)];
        [held.id, made.id] = [made.id, held.id];
        [held.memoryOffset, made.memoryOffset] = [made.memoryOffset, held.memoryOffset];
        be.disposeData(out.dataId);
      }
      return [];
    },
  };
}

/**
 * The largest variable the kernels update. The loop is scalar JavaScript: it beats the generic
 * path's two dozen kernel calls on small tensors (biases, small layers: 7× at 1,280 values), but
 * tfjs-backend-wasm's SIMD element-wise kernels win from a few thousand values up (measured
 * 0.86× at 7,840, 0.6× at 100,352), so larger variables keep the generic path.
 */
export const FUSED_UPDATE_LIMIT = 4096;

/** Registers the fused optimizer kernels for 'wasm' (once; later calls do nothing). */
export function registerOptimizerKernels(): void {
  setOptimizerKernelLimit('wasm', FUSED_UPDATE_LIMIT);
  for (const optimizer of FUSED_OPTIMIZERS) {
    if (tf.getKernel(optimizerUpdateKernel(optimizer), 'wasm') === undefined) tf.registerKernel(makeKernel(optimizer));
  }
}
