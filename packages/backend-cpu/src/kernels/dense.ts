import type * as tf from '@tensorflow/tfjs-core';
import { applyDenseActivationGradient, sumRows, type DenseGradientActivation } from '@neuralkit/core';
import { floatsOf, output, type KernelArgs } from './cpu-storage.js';

/**
 * The Dense kernels (`KERNEL_NAMES.dense*` in `@neuralkit/core`) as plain loops over the
 * backend's Float32Arrays. tfjs-backend-cpu's general batched matMul spends most of an MNIST
 * epoch on index arithmetic; these loops also skip zero inputs (most MNIST pixels, the relu
 * outputs and the dropped units).
 */

/** out[n,m] = act(x[n,k] · w[k,m] + b[m]). */
export function denseForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = w.shape[1]!;
  const xv = floatsOf(backend, x);
  const wv = floatsOf(backend, w);
  const out = new Float32Array(n * m);
  if (b) {
    const bv = floatsOf(backend, b);
    for (let i = 0; i < n; i++) out.set(bv, i * m);
  }
  for (let i = 0; i < n; i++) {
    const xo = i * k;
    const oo = i * m;
    for (let p = 0; p < k; p++) {
      const a = xv[xo + p]!;
      if (a === 0) continue;
      const wo = p * m;
      for (let j = 0; j < m; j++) out[oo + j]! += a * wv[wo + j]!;
    }
  }
  if (attrs?.relu) for (let i = 0; i < out.length; i++) if (out[i]! < 0) out[i] = 0;
  return output(backend, [n, m], out);
}

/** dW[k,m] = x[n,k]ᵀ · dz[n,m]. */
export function denseGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, dz } = inputs as { x: tf.TensorInfo; dz: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = dz.shape[1]!;
  const xv = floatsOf(backend, x);
  const dv = floatsOf(backend, dz);
  const out = new Float32Array(k * m);
  for (let i = 0; i < n; i++) {
    const xo = i * k;
    const d = i * m;
    for (let p = 0; p < k; p++) {
      const a = xv[xo + p]!;
      if (a === 0) continue;
      const oo = p * m;
      for (let j = 0; j < m; j++) out[oo + j]! += a * dv[d + j]!;
    }
  }
  return output(backend, [k, m], out);
}

/** dx[n,k] = dz[n,m] · w[k,m]ᵀ. */
export function denseGradInput({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dz, w } = inputs as { dz: tf.TensorInfo; w: tf.TensorInfo };
  const [k, m] = w.shape as [number, number];
  const n = dz.shape[0]!;
  const dv = floatsOf(backend, dz);
  const wv = floatsOf(backend, w);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const d = i * m;
    for (let p = 0; p < k; p++) {
      const wo = p * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += dv[d + j]! * wv[wo + j]!;
      out[i * k + p] = s;
    }
  }
  return output(backend, [n, k], out);
}

/** [dW[k,m] = xᵀ · dz, db[m] = Σ_rows dz]: both parameter gradients in one kernel. */
export function denseGradParams(args: KernelArgs): tf.TensorInfo[] {
  const { dz } = args.inputs as { dz: tf.TensorInfo };
  const m = dz.shape[1]!;
  const db = new Float32Array(m);
  sumRows(floatsOf(args.backend, dz), m, db);
  return [denseGradKernel(args), output(args.backend, [m], db)];
}

/** actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask): the input's gradient carried through Dropout and the activation below. */
export function denseGradInputActivation(args: KernelArgs): tf.TensorInfo {
  const { y, mask } = args.inputs as { y: tf.TensorInfo; mask?: tf.TensorInfo };
  const dx = denseGradInput(args);
  const values = floatsOf(args.backend, dx);
  applyDenseActivationGradient(values, floatsOf(args.backend, y), mask ? floatsOf(args.backend, mask) : undefined, args.attrs!.activation as DenseGradientActivation);
  return dx;
}
