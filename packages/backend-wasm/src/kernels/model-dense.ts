import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs } from './model-heap.js';

/**
 * `@neuralkit/model`'s Dense kernels for the wasm backend. Contract (the model registers the
 * gradient; its tests compare these with the generic `tf.fused.matMul` path), all float32:
 * - `NeuralkitDense` {x [n,k], w [k,m], b? [m]}, attrs {relu} → act(x · w + b) [n,m]
 * - `NeuralkitDenseGradKernel` {x [n,k], dz [n,m]} → xᵀ · dz [k,m]
 * - `NeuralkitDenseGradInput` {dz [n,m], w [k,m]} → dz · wᵀ [n,k]
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
