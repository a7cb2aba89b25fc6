import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_UPDATE_RULES, optimizerUpdateKernel, type UpdateArrays as Arrays } from '@neuralkit/core';

/** The optimizers with a fused update kernel on this backend. */
export const FUSED_OPTIMIZERS = Object.keys(OPTIMIZER_UPDATE_RULES);

/** The kernel name `@neuralkit/optimizers` looks up for an optimizer (`NeuralkitAdamUpdate`). */
export const optimizerKernelName = optimizerUpdateKernel;

/** The part of tfjs-backend-cpu's backend the kernels use: its float32 data storage. */
interface CpuStorage {
  data: { get(dataId: object): { values: unknown; refCount: number } };
}

type Entry = { values: unknown; refCount: number };

/**
 * An optimizer update kernel: inputs `gradient`, `variable` and the variable's slots by Keras
 * slot name (`momentum`, `velocity`, ...), attrs as `@neuralkit/optimizers` documents them.
 * It gives the variable and the slots new values under their own dataIds and returns no tensor.
 *
 * Why this is safe: a tfjs Variable owns its buffer, and `assign` rebinds it to a new one instead
 * of writing into it, so the only other holders of a variable's buffer are tensors sharing its
 * dataId (the tensor it was assigned from, clones). The caller passes a buffer only when the
 * backend's reference count for it is 1; the kernel checks the count again and refuses a shared
 * buffer, or one buffer passed as two of the inputs it writes. The new values go into fresh
 * arrays swapped into the storage entries, never into the old arrays: tfjs-backend-cpu hands
 * those out from `dataSync()` and adopts users' arrays from `tf.tensor(array)`, and `assign`
 * would have left both untouched.
 */
function makeKernel(optimizer: string): tf.KernelConfig {
  const { rule } = OPTIMIZER_UPDATE_RULES[optimizer]!;
  const kernelName = optimizerKernelName(optimizer);
  return {
    kernelName,
    backendName: 'cpu',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const storage = (backend as unknown as CpuStorage).data;
      const arrays: Arrays = {};
      const entries: Record<string, Entry> = {};
      const written = new Map<object, string>();
      for (const key of Object.keys(inputs)) {
        const info = inputs[key];
        if (!info) continue;
        const entry = storage.get(info.dataId);
        if (!(entry.values instanceof Float32Array) || info.dtype !== 'float32') {
          throw new Error(`${kernelName}: input \`${key}\` must be float32, received ${info.dtype}.`);
        }
        if (key !== 'gradient' && entry.refCount !== 1) {
          throw new Error(`${kernelName}: input \`${key}\` shares its buffer (${entry.refCount} references).`);
        }
        // The count cannot see one tensor passed twice (variable and slot): refuse that too.
        const twin = key === 'gradient' ? undefined : written.get(info.dataId);
        if (twin !== undefined) throw new Error(`${kernelName}: input \`${key}\` is the same buffer as \`${twin}\`.`);
        if (key !== 'gradient') written.set(info.dataId, key);
        arrays[key] = entry.values;
        entries[key] = entry;
      }
      const g = arrays.gradient!;
      for (const key of Object.keys(arrays)) {
        if (arrays[key]!.length !== g.length) {
          throw new Error(`${kernelName}: \`${key}\` has ${arrays[key]!.length} values, the gradient ${g.length}.`);
        }
      }
      const next: Arrays = {};
      for (const key of written.values()) next[key] = arrays[key]!.slice();
      rule(g, arrays, next, attrs ?? {});
      for (const key of written.values()) entries[key]!.values = next[key];
      return [];
    },
  };
}

/** Registers the fused optimizer kernels for 'cpu' (once; later calls do nothing). */
export function registerOptimizerKernels(): void {
  for (const optimizer of FUSED_OPTIMIZERS) {
    if (tf.getKernel(optimizerKernelName(optimizer), 'cpu') === undefined) tf.registerKernel(makeKernel(optimizer));
  }
}
