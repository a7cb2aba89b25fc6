import type * as tf from '@tensorflow/tfjs-core';
import { heapViews, type KernelArgs } from './model-heap.js';

/**
 * `@neuralkit/model`'s Dense kernels for the wasm backend, as JavaScript loops over the module
 * heap. tfjs-backend-wasm's BatchMatMul takes a slow path for a transposed operand (the
 * kernel gradient `xᵀ · dz`), and these loops skip zero inputs (most MNIST pixels, half of
 * the relu outputs). Contract (the model registers the gradient; its tests compare these
 * with the generic `tf.fused.matMul` path):
 * - `NeuralkitDense` {x [n,k], w [k,m], b? [m]}, attrs {relu} → act(x · w + b) [n,m]
 * - `NeuralkitDenseGradKernel` {x [n,k], dz [n,m]} → xᵀ · dz [k,m]
 * - `NeuralkitDenseGradInput` {dz [n,m], w [k,m]} → dz · wᵀ [n,k]
 * All float32.
 */
export function denseForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = w.shape[1]!;
  const { outputs, views, out: [out] } = heapViews(backend, b ? [x, w, b] : [x, w], [[n, m]]);
  const [xv, wv, bv] = views as Float32Array[];
  const o = out!;
  for (let i = 0; i < n; i++) {
    if (bv) o.set(bv, i * m);
    else o.fill(0, i * m, (i + 1) * m);
  }
  for (let i = 0; i < n; i++) {
    const xo = i * k;
    const oo = i * m;
    for (let p = 0; p < k; p++) {
      const a = xv![xo + p]!;
      if (a === 0) continue;
      const wo = p * m;
      for (let j = 0; j < m; j++) o[oo + j]! += a * wv![wo + j]!;
    }
  }
  if (attrs?.relu) for (let i = 0; i < o.length; i++) if (o[i]! < 0) o[i] = 0;
  return outputs[0]!;
}

export function denseGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, dz } = inputs as { x: tf.TensorInfo; dz: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = dz.shape[1]!;
  const { outputs, views, out: [out] } = heapViews(backend, [x, dz], [[k, m]]);
  const [xv, dv] = views as [Float32Array, Float32Array];
  const o = out!;
  o.fill(0);
  for (let i = 0; i < n; i++) {
    const xo = i * k;
    const d = i * m;
    for (let p = 0; p < k; p++) {
      const a = xv[xo + p]!;
      if (a === 0) continue;
      const oo = p * m;
      for (let j = 0; j < m; j++) o[oo + j]! += a * dv[d + j]!;
    }
  }
  return outputs[0]!;
}

export function denseGradInput({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dz, w } = inputs as { dz: tf.TensorInfo; w: tf.TensorInfo };
  const [k, m] = w.shape as [number, number];
  const n = dz.shape[0]!;
  const { outputs, views, out: [out] } = heapViews(backend, [dz, w], [[n, k]]);
  const [dv, wv] = views as [Float32Array, Float32Array];
  const o = out!;
  for (let i = 0; i < n; i++) {
    const d = i * m;
    for (let p = 0; p < k; p++) {
      const wo = p * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += dv[d + j]! * wv[wo + j]!;
      o[i * k + p] = s;
    }
  }
  return outputs[0]!;
}
