import * as tf from '@tensorflow/tfjs-core';
import { applyDenseActivationGradient, sumRows, type DenseGradientActivation } from '@neuralkit/core';
import { heapViews, type KernelArgs, type WasmHeapBackend } from './model-heap.js';

/**
 * `@neuralkit/model`'s Dense kernels for the wasm backend. Contract (the model registers the
 * gradient; its tests compare these with the generic `tf.fused.matMul` path), all float32:
 * - `NeuralkitDense` {x [n,k], w [k,m], b? [m]}, attrs {relu} → act(x · w + b) [n,m]
 * - `NeuralkitDenseGradKernel` {x [n,k], dz [n,m]} → xᵀ · dz [k,m]
 * - `NeuralkitDenseGradInput` {dz [n,m], w [k,m]} → dz · wᵀ [n,k]
 * - `NeuralkitDenseGradParams` {x, dz} → [xᵀ · dz, Σ_rows dz]
 * - `NeuralkitDenseGradInputActivation` {dz, w, y, mask?}, attrs {activation} → actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask)
 * Each runs tfjs-backend-wasm's own XNNPACK kernels directly (no engine bookkeeping between
 * them). The kernel gradient transposes x first: BatchMatMul with `transposeA` takes a path
 * that is two to three times slower for these shapes.
 */
function wasmKernel(name: string, args: KernelArgs & { attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`tfjs-backend-wasm has no ${name} kernel.`);
  return kernel.kernelFunc(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
}

/** The same buffer seen as a batch of one matrix (the fused kernel reads rank-3 shapes). */
function batchOfOne(t: tf.TensorInfo): tf.TensorInfo {
  return { dataId: t.dataId, shape: [1, ...t.shape], dtype: t.dtype };
}

export function denseForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
  const out = wasmKernel('_FusedMatMul', {
    inputs: { a: batchOfOne(x), b: batchOfOne(w), ...(b ? { bias: b } : {}) },
    backend,
    attrs: { transposeA: false, transposeB: false, activation: attrs?.relu ? 'relu' : 'linear', leakyreluAlpha: 0 },
  });
  return { ...out, shape: [x.shape[0]!, w.shape[1]!] };
}

export function denseGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, dz } = inputs as { x: tf.TensorInfo; dz: tf.TensorInfo };
  const xT = wasmKernel('Transpose', { inputs: { x }, backend, attrs: { perm: [1, 0] } });
  try {
    return wasmKernel('BatchMatMul', { inputs: { a: xT, b: dz }, backend, attrs: { transposeA: false, transposeB: false } });
  } finally {
    (backend as tf.KernelBackend).disposeData(xT.dataId);
  }
}

export function denseGradInput({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dz, w } = inputs as { dz: tf.TensorInfo; w: tf.TensorInfo };
  return wasmKernel('BatchMatMul', { inputs: { a: dz, b: w }, backend, attrs: { transposeA: false, transposeB: true } });
}

/** [xᵀ · dz [k,m], Σ_rows dz [m]]: the bias's gradient summed on the heap beside the kernel's. */
export function denseGradParams(args: KernelArgs): tf.TensorInfo[] {
  const dw = denseGradKernel(args);
  const { dz } = args.inputs as { dz: tf.TensorInfo };
  const m = dz.shape[1]!;
  const { outputs, views, out } = heapViews(args.backend, [dz], [[m]]);
  sumRows(views[0] as Float32Array, m, out[0]!);
  return [dw, outputs[0]!];
}

/** actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask) [n,k]: the product by XNNPACK, then one pass over it on the heap. */
export function denseGradInputActivation(args: KernelArgs): tf.TensorInfo {
  const { y, mask } = args.inputs as { y: tf.TensorInfo; mask?: tf.TensorInfo };
  const dx = denseGradInput(args);
  const heap = args.backend as WasmHeapBackend;
  const values = heap.typedArrayFromHeap(dx) as Float32Array;
  applyDenseActivationGradient(values, heap.typedArrayFromHeap(y), mask ? heap.typedArrayFromHeap(mask) : undefined, args.attrs!.activation as DenseGradientActivation);
  return dx;
}
