import * as tf from '@tensorflow/tfjs-core';

/**
 * Kernels for the cpu backend's hot path: `x @ W + b` (optionally relu) and its two
 * gradients as plain loops over Float32Arrays. tfjs-backend-cpu's general batched matMul
 * spends most of an MNIST epoch on index arithmetic; these loops also skip zero inputs
 * (most MNIST pixels, half of the relu outputs). Other backends keep `tf.fused.matMul`;
 * the tests compare both paths.
 */
const FORWARD = 'NeuralkitDense';
const GRAD_KERNEL = 'NeuralkitDenseGradKernel';
const GRAD_INPUT = 'NeuralkitDenseGradInput';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
}

function values(backend: CpuBackendLike, t: tf.TensorInfo): Float32Array {
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
}

/** out[n,m] = act(x[n,k] @ w[k,m] + b[m]). */
function forward({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const be = backend as CpuBackendLike;
  const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = w.shape[1]!;
  const xv = values(be, x);
  const wv = values(be, w);
  const out = new Float32Array(n * m);
  if (b) {
    const bv = values(be, b);
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
  return be.makeTensorInfo([n, m], 'float32', out);
}

/** dW[k,m] = x[n,k]^T @ dz[n,m]. */
function gradKernel({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const be = backend as CpuBackendLike;
  const { x, dz } = inputs as { x: tf.TensorInfo; dz: tf.TensorInfo };
  const [n, k] = x.shape as [number, number];
  const m = dz.shape[1]!;
  const xv = values(be, x);
  const dv = values(be, dz);
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
  return be.makeTensorInfo([k, m], 'float32', out);
}

/** dx[n,k] = dz[n,m] @ w[k,m]^T. */
function gradInput({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const be = backend as CpuBackendLike;
  const { dz, w } = inputs as { dz: tf.TensorInfo; w: tf.TensorInfo };
  const [k, m] = w.shape as [number, number];
  const n = dz.shape[0]!;
  const dv = values(be, dz);
  const wv = values(be, w);
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
  return be.makeTensorInfo([n, k], 'float32', out);
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: FORWARD, backendName: 'cpu', kernelFunc: forward as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: GRAD_KERNEL, backendName: 'cpu', kernelFunc: gradKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: GRAD_INPUT, backendName: 'cpu', kernelFunc: gradInput as unknown as tf.KernelFunc });
  tf.registerGradient({
    kernelName: FORWARD,
    inputsToSave: ['x', 'w'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, w, y] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const dz = attrs?.relu ? tf.mul(dy as tf.Tensor, tf.step(y)) : (dy as tf.Tensor);
      const run = (name: string, inputs: tf.NamedTensorMap) => tf.engine().runKernel(name, inputs) as tf.Tensor;
      return {
        x: () => run(GRAD_INPUT, { dz, w }),
        w: () => run(GRAD_KERNEL, { x, dz }),
        b: () => tf.sum(dz, 0),
      };
    },
  });
}

/**
 * Whether these kernels serve this call (float32 2-D inputs): the loops above on cpu, or the
 * same-named kernels another backend registers (`@neuralkit/backend-wasm` does).
 */
export function useCpuDense(x: tf.Tensor): boolean {
  if (x.rank !== 2 || x.dtype !== 'float32') return false;
  const backend = tf.getBackend();
  return backend === 'cpu' || tf.getKernel(FORWARD, backend) !== undefined;
}

/** `x @ w + b` (relu when asked) through the cpu loops; differentiable. */
export function cpuDense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor | undefined, relu: boolean): tf.Tensor2D {
  register();
  const inputs: tf.NamedTensorMap = b ? { x, w, b } : { x, w };
  return tf.engine().runKernel(FORWARD, inputs, { relu } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** The gradients of `x @ w + b` given the output's gradient `dz`, run directly (no tape). */
export function cpuDenseGradients(x: tf.Tensor2D, w: tf.Tensor2D, dz: tf.Tensor2D, withInput: boolean): { dw: tf.Tensor; db: tf.Tensor; dx?: tf.Tensor } {
  register();
  const run = (name: string, inputs: tf.NamedTensorMap) => tf.engine().runKernel(name, inputs) as tf.Tensor;
  const dw = run(GRAD_KERNEL, { x, dz });
  const db = tf.sum(dz, 0);
  return withInput ? { dw, db, dx: run(GRAD_INPUT, { dz, w }) } : { dw, db };
}
