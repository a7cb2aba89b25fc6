import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_UPDATE_RULES, optimizerUpdateKernel, setOptimizerKernelLimit, type UpdateArrays, type UpdateRule } from '@neuralkit/core';
import type { WasmHeapBackend } from './model-heap.js';
import { compileSimdModule, runSimdUpdate, simdLoopsFor, type UpdatePointers } from './simd/simd-module.js';

/** The optimizers with a fused update kernel on this backend. */
export const FUSED_OPTIMIZERS = Object.keys(OPTIMIZER_UPDATE_RULES);

/** The tfjs-backend-wasm internals the kernel uses: its per-buffer records (heap offset, tensor id). */
interface WasmStorage extends WasmHeapBackend {
  refCount(dataId: object): number;
  disposeData(dataId: object): boolean;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
  /** The Emscripten module; `asm.memory` is its heap's WebAssembly.Memory. */
  wasm?: { asm?: { memory?: WebAssembly.Memory } };
}

/** The SIMD loops over this backend's heap, when the runtime and the build allow them. */
const simdLoops = (be: WasmStorage) => simdLoopsFor(be.wasm?.asm?.memory);

interface Update {
  optimizer: string;
  n: number;
  inputs: tf.NamedTensorInfoMap;
  /** The fresh buffers, by input name, that receive the new values. */
  outputs: Map<string, tf.TensorInfo>;
  attrs: Record<string, unknown>;
}

/** Runs the update's SIMD loop over the heap in place of views; false where none can run it. */
function runSimd(be: WasmStorage, u: Update): boolean {
  const loops = simdLoops(be);
  if (!loops) return false;
  const offset = (t: tf.TensorInfo) => be.dataIdMap.get(t.dataId).memoryOffset;
  const pointers: UpdatePointers = { reads: {}, writes: {} };
  for (const key of Object.keys(u.inputs)) pointers.reads[key] = offset(u.inputs[key]!);
  for (const [key, out] of u.outputs) pointers.writes[key] = offset(out);
  return runSimdUpdate(loops, { optimizer: u.optimizer, n: u.n, pointers, attrs: u.attrs });
}

/** Runs the scalar rule of `@neuralkit/core` over views of the heap (taken after every allocation). */
function runScalar(be: WasmStorage, rule: UpdateRule, u: Update): void {
  const arrays: UpdateArrays = {};
  const next: UpdateArrays = {};
  for (const key of Object.keys(u.inputs)) arrays[key] = be.typedArrayFromHeap(u.inputs[key]!) as Float32Array;
  for (const [key, out] of u.outputs) next[key] = be.typedArrayFromHeap(out) as Float32Array;
  rule(arrays.gradient!, arrays, next, u.attrs);
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
 *
 * The loop is WebAssembly SIMD (`./simd/`) where `prepareOptimizerKernels` found it can run, and
 * the scalar rule of `@neuralkit/core` otherwise; both give the same float32 results.
 */
function makeKernel(optimizer: string): tf.KernelConfig {
  const { rule } = OPTIMIZER_UPDATE_RULES[optimizer]!;
  const kernelName = optimizerUpdateKernel(optimizer);
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const be = backend as unknown as WasmStorage;
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
      const outputs = new Map([...fresh].map(([key, { out }]) => [key, out]));
      const update = { optimizer, n: size, inputs, outputs, attrs: attrs ?? {} };
      if (!runSimd(be, update)) runScalar(be, rule, update);
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
 * The largest variable the scalar JavaScript loop updates. It beats the generic path's two dozen
 * kernel calls on small tensors (biases, small layers: 7× at 1,280 values), but tfjs-backend-wasm's
 * SIMD element-wise kernels win from a few thousand values up (measured 0.86× at 7,840, 0.6× at
 * 100,352), so without the SIMD loops larger variables keep the generic path.
 */
export const FUSED_UPDATE_LIMIT = 4096;

let simdActive = false;

/** Whether the update kernels run as WebAssembly SIMD loops (and so serve variables of any size). */
export function optimizerKernelsUseSimd(): boolean {
  return simdActive;
}

/** Registers the fused optimizer kernels for 'wasm' (once; later calls do nothing). */
export function registerOptimizerKernels(): void {
  setOptimizerKernelLimit('wasm', simdActive ? Infinity : FUSED_UPDATE_LIMIT);
  for (const optimizer of FUSED_OPTIMIZERS) {
    if (tf.getKernel(optimizerUpdateKernel(optimizer), 'wasm') === undefined) tf.registerKernel(makeKernel(optimizer));
  }
}

/**
 * Compiles the SIMD update loops (once) for the active wasm backend's heap, and lifts the size
 * limit when they can run there: a runtime with WebAssembly SIMD and the unshared heap of the
 * single-threaded build. Otherwise the scalar loop and `FUSED_UPDATE_LIMIT` stay.
 */
export async function prepareOptimizerKernels(): Promise<void> {
  const hasSimd = await compileSimdModule();
  simdActive = hasSimd && simdLoops(tf.backend() as unknown as WasmStorage) !== undefined;
  setOptimizerKernelLimit('wasm', simdActive ? Infinity : FUSED_UPDATE_LIMIT);
}
