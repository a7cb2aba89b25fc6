import * as tf from '@tensorflow/tfjs-core';

/**
 * The kernels `@neuralkit/model` and `@neuralkit/optimizers` ask the active backend for. The
 * libraries hold each one's generic reference in tfjs-core ops and run it where a backend
 * registers none; an adapter (`@neuralkit/backend-cpu`, `@neuralkit/backend-wasm`) registers its
 * own implementation under the same name with `tf.registerKernel`. The contract sits here, below
 * both, so adapters import core and never the libraries. All tensors are float32 unless stated.
 */
export const KERNEL_NAMES = {
  /** {x [n,k], w [k,m], b? [m]}, attrs {relu?: boolean} → act(x · w + b) [n,m]. */
  dense: 'NeuralkitDense',
  /** {x [n,k], dz [n,m]} → xᵀ · dz [k,m] (the kernel's gradient). */
  denseGradKernel: 'NeuralkitDenseGradKernel',
  /** {dz [n,m], w [k,m]} → dz · wᵀ [n,k] (the input's gradient). */
  denseGradInput: 'NeuralkitDenseGradInput',
  /** {x [n,k], dz [n,m]} → [xᵀ · dz [k,m], Σ_rows dz [m]]: the kernel's and the bias's gradients at once. */
  denseGradParams: 'NeuralkitDenseGradParams',
  /**
   * {dz [n,m], w [k,m], y [n,k], mask? [n,k]}, attrs {activation: 'linear' | 'relu' | 'sigmoid' |
   * 'tanh'} → actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask) [n,k]: the input's gradient carried on through a
   * Dropout mask and the activation of the layer below (its output y), as `applyDenseActivationGradient`.
   */
  denseGradInputActivation: 'NeuralkitDenseGradInputActivation',
  /**
   * {logits [n,c], labels [n] class indices (any numeric dtype, range-checked by the caller)},
   * attrs {gradScale?: number (default 1)} → [loss [n] = logsumexp(z) − z[label],
   * grad [n,c] = (softmax(z) − onehot(label)) · gradScale].
   */
  sparseSoftmaxCrossEntropy: 'NeuralkitSparseSoftmaxCrossEntropy',
  /**
   * {logits [n,c] float32, targets [n,c] float32 (one-hot or smoothed rows)}, attrs {gradScale?:
   * number (default 1)} → [loss [n] = Σⱼ yⱼ (logsumexp(z) − zⱼ), grad [n,c] = (softmax(z) · Σⱼ yⱼ − y) · gradScale]:
   * the same fusion for categorical crossentropy.
   */
  softmaxCrossEntropy: 'NeuralkitSoftmaxCrossEntropy',
  /** {x [N, ...] any numeric dtype}, attrs {indices: Int32Array} → rows `indices` of x [k, ...]. */
  gatherRows: 'NeuralkitGatherRows',
  /**
   * No tensor inputs; attrs {source: Uint8Array | Float32Array (samples row-major on the host),
   * indices: ArrayLike<number> (in range, checked by the caller), shape: number[] ([k, ...sample]),
   * scale: number} → float32 `shape`, row b = float32(source row indices[b] · scale). A batch made
   * straight into the backend's memory, without a float copy on the host first.
   */
  scaledRows: 'NeuralkitScaledRows',
  /**
   * No tensor inputs; attrs {shape: number[], rate: number in [0, 1), seed: number (uint32)} →
   * float32 `shape`: Dropout's multiplier, value i = `dropoutMaskValues(size, rate, seed)[i]`
   * (the seeded splitmix32 draw of unit i against the rate's threshold: made on the device, with
   * no host loop and no upload, the same units as the host).
   */
  dropoutMask: 'NeuralkitDropoutMask',
  /**
   * BatchNormalization in training, channels on the last axis: {x [rows, c], gamma? [c] (absent:
   * 1), beta? [c] (absent: 0)}, attrs {epsilon: number} → [y [rows, c] = (x − mean) ·
   * (variance + epsilon)^−½ · gamma + beta, mean [c], variance [c] (biased: divided by rows, as
   * Keras and tf.moments)]. The statistics carry no gradient: they feed the moving averages only.
   */
  batchNormTrain: 'NeuralkitBatchNormTrain',
  /**
   * The gradient of `batchNormTrain`'s y through the batch statistics: {dy [rows, c], x [rows, c],
   * mean [c], variance [c] (its outputs), gamma? [c]}, attrs {epsilon: number} → [dx [rows, c] =
   * gamma · rstd · (dy − mean(dy) − xhat · mean(dy · xhat)), dgamma [c] = Σ dy · xhat,
   * dbeta [c] = Σ dy], with rstd = (variance + epsilon)^−½ and xhat = (x − mean) · rstd.
   */
  batchNormTrainGrad: 'NeuralkitBatchNormTrainGrad',
  /**
   * An accuracy metric's running total: {pred [n,c] scores, labels [n] class indices (any
   * numeric dtype, compared as floats) or [n,c] scores (the class is their top entry), weights?
   * [n] float32, total? [] float32 (absent: 0)}, attrs {labelsAreScores: boolean} → [] float32
   * total + Σᵢ wᵢ · [argmax(predᵢ) = labelᵢ], argmax taking the first of equal scores (as
   * `weightedMatchCount`). One kernel folds a batch into SparseCategoricalAccuracy or
   * CategoricalAccuracy.
   */
  accumulateMatches: 'NeuralkitAccumulateMatches',
  /**
   * The gradient through a layer's activation and its bias, channels last: {dy [rows, c], y
   * [rows, c] (the layer's output, after the activation)}, attrs {activation: 'linear' | 'relu' |
   * 'sigmoid' | 'tanh'} → [dz [rows, c] = actGrad(y) ⊙ dy (as `applyDenseActivationGradient`),
   * db [c] = Σ_rows dz]. A convolution's relu and bias gradients in one kernel.
   */
  biasActivationGrad: 'NeuralkitBiasActivationGrad',
} as const;

export type KernelName = (typeof KERNEL_NAMES)[keyof typeof KERNEL_NAMES];

/**
 * The fused update kernel of an optimizer class (`NeuralkitAdamUpdate` for `Adam`): inputs
 * `gradient`, `variable` and the slots by Keras slot name, attrs as the optimizer documents; it
 * replaces the values behind the variable's and the slots' buffers and returns no tensor.
 */
export function optimizerUpdateKernel(className: string): string {
  return `Neuralkit${className}Update`;
}

const LIMITS = Symbol.for('neuralkit.optimizerKernelLimits');

function limits(): Map<string, number> {
  const g = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
  return (g[LIMITS] ??= new Map());
}

/**
 * Caps the size of the tensors a backend's optimizer update kernels serve; larger ones take the
 * generic ops path. For a backend whose own element-wise kernels beat a scalar loop on big
 * tensors (wasm's are SIMD) while the loop wins where per-kernel overhead dominates.
 */
export function setOptimizerKernelLimit(backend: string, maxSize: number): void {
  limits().set(backend, maxSize);
}

/** Whether the active backend's optimizer update kernel should serve a tensor of `size` elements. */
export function optimizerKernelServes(size: number): boolean {
  return size <= (limits().get(tf.getBackend()) ?? Infinity);
}

/** Whether the active backend registers `name`. */
export function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** Runs a registered kernel through the engine (so it is tracked, tidied and profiled). */
export function runKernel<T = tf.Tensor>(
  name: string,
  inputs: tf.NamedTensorMap,
  attrs: Record<string, unknown> = {},
): T {
  return tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as T;
}
