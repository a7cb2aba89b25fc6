import * as tf from '@tensorflow/tfjs-core';
import { sparseSoftmaxCrossEntropyRows } from '@neuralkit/core';

/**
 * The cpu backend's one-pass sparse softmax crossentropy: per row, the log-sum-exp, the
 * loss at the label and `softmax - onehot` (kept for the gradient), instead of a dozen
 * small kernels. Labels were range-checked before training. Kernel contract (other backends
 * may register the same name): inputs `logits` [n,c] float32, `labels` [n]; attr `gradScale`
 * (default 1) multiplies the second output; outputs `[loss [n], (softmax - onehot) · gradScale]`.
 */
const KERNEL = 'NeuralkitSparseSoftmaxCrossEntropy';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
}

function kernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const be = backend as CpuBackendLike;
  const scale = (attrs?.gradScale as number | undefined) ?? 1;
  const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
  const [n, c] = logits.shape as [number, number];
  const z = be.data.get(logits.dataId).values as Float32Array;
  const y = be.data.get(labels.dataId).values as ArrayLike<number>;
  const loss = new Float32Array(n);
  const grad = new Float32Array(n * c);
  sparseSoftmaxCrossEntropyRows({ logits: z, labels: y, loss, grad, classes: c, gradScale: scale });
  return [be.makeTensorInfo([n], 'float32', loss), be.makeTensorInfo([n, c], 'float32', grad)];
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: KERNEL, backendName: 'cpu', kernelFunc: kernel as unknown as tf.KernelFunc });
  tf.registerGradient({
    kernelName: KERNEL,
    outputsToSave: [false, true],
    gradFunc: (dy, saved) => {
      const [dLoss] = dy as tf.Tensor[];
      const [grad] = saved as [tf.Tensor];
      return { logits: () => tf.mul(tf.expandDims(dLoss!, 1), grad), labels: () => tf.zeros(grad.shape.slice(0, 1)) };
    },
  });
}

/** On cpu, or on a backend that registers the same kernel (`@neuralkit/backend-wasm` does). */
export function useCpuCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): boolean {
  if (logits.rank !== 2 || logits.dtype !== 'float32' || labels.rank !== 1) return false;
  const backend = tf.getBackend();
  return backend === 'cpu' || tf.getKernel(KERNEL, backend) !== undefined;
}

/**
 * Per-sample loss `[n]` and `(softmax - onehot) · gradScale` `[n, c]`, outside any gradient
 * tape (the direct-gradient training step uses it).
 */
export function crossEntropyAndGradient(logits: tf.Tensor, labels: tf.Tensor, gradScale: number): [tf.Tensor, tf.Tensor] {
  register();
  const attrs = { gradScale } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(KERNEL, { logits, labels }, attrs) as [tf.Tensor, tf.Tensor];
}

/** Per-sample loss `[n]` from logits `[n, c]` and class indices `[n]`. */
export function cpuSparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  register();
  const [loss] = tf.engine().runKernel(KERNEL, { logits, labels }) as tf.Tensor[];
  return loss!;
}
