import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, formatShape, toFloat, toTensor, type TensorInput } from './tensors.js';

export interface SparseCategoricalCrossentropyFnOptions {
  /** `y_pred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** A label value (e.g. -1 or 255) whose entries are left out of the loss and of its mean. */
  ignoreClass?: number | null;
  /** The class axis; Keras supports only the last one. Default -1. */
  axis?: number;
  /**
   * Check that every label is an integer in [0, classes) (or `ignoreClass`). This reads the
   * labels back from the device once per call; turn it off once the labels are known good.
   * Default true. Not part of Keras's config.
   */
  validateLabels?: boolean;
}

export type SparseCategoricalCrossentropyOptions = LossOptions &
  Omit<SparseCategoricalCrossentropyFnOptions, 'axis'>;

const OWNER = 'SparseCategoricalCrossentropy';

interface Resolved {
  fromLogits: boolean;
  ignoreClass: number | null;
  validateLabels: boolean;
}

function resolve(options: SparseCategoricalCrossentropyFnOptions): Resolved {
  const { fromLogits = false, ignoreClass = null, validateLabels = true } = options;
  if (typeof fromLogits !== 'boolean') throw InvalidArgumentError.expected(`from_logits for ${OWNER}`, 'a boolean', fromLogits);
  if (ignoreClass !== null && !Number.isInteger(ignoreClass)) {
    throw InvalidArgumentError.expected(`ignore_class for ${OWNER}`, 'an integer or null', ignoreClass);
  }
  if (typeof validateLabels !== 'boolean') {
    throw InvalidArgumentError.expected(`validateLabels for ${OWNER}`, 'a boolean', validateLabels);
  }
  return { fromLogits, ignoreClass, validateLabels };
}

/** Labels `[...batch]` (or `[...batch, 1]`) against predictions `[...batch, classes]`. */
function alignLabels(labels: tf.Tensor, pred: tf.Tensor): tf.Tensor {
  if (pred.rank < 1) throw new ShapeError(`${OWNER}: y_pred must have a class axis, received shape [].`);
  const l = labels.rank === pred.rank && labels.shape[labels.rank - 1] === 1 ? tf.squeeze(labels, [-1]) : labels;
  const ok = l.rank === pred.rank - 1 && l.shape.every((d, i) => d === pred.shape[i]);
  if (!ok) {
    throw new ShapeError(
      `${OWNER}: y_true must have the shape of y_pred without its class axis, received y_true ` +
        `${formatShape(labels.shape)} and y_pred ${formatShape(pred.shape)}.`,
    );
  }
  return l;
}

/** One read-back of the labels; a clear error instead of a silently wrong (or NaN) loss. */
function checkLabelValues(labels: tf.Tensor, classes: number, ignoreClass: number | null): void {
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === ignoreClass) continue;
    if (!(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new InvalidArgumentError(
        `${OWNER}: expected integer class labels in [0, ${classes}) (y_pred has ${classes} classes` +
          `${ignoreClass === null ? '' : `; ignore_class ${ignoreClass}`}), received ${v} at flat index ${i}.`,
      );
    }
  }
}

/** The chain of ops: one-hot pick of the label's entry, no per-element loops. */
function perSample(labels: tf.Tensor, pred: tf.Tensor, fromLogits: boolean): tf.Tensor {
  const classes = pred.shape[pred.rank - 1] as number;
  // int32 then cast: tfjs-backend-wasm 4.22's OneHot writes int bits into a float32 output.
  const oneHot = tf.cast(tf.oneHot(labels, classes), 'float32');
  const picked = tf.sum(tf.mul(oneHot, pred), -1);
  if (fromLogits) return tf.sub(tf.logSumExp(pred, -1), picked); // -log_softmax at the label
  // Keras 3 (numpy/jax/torch backends): renormalise by the sum, clip to [1e-7, 1 - 1e-7], -log.
  // Only the label's entry is needed, so only it is divided and clipped.
  const probability = tf.div(picked, tf.sum(pred, -1));
  return tf.neg(tf.log(tf.clipByValue(probability, EPSILON, 1 - EPSILON)));
}

function compute(yTrue: TensorInput, yPred: TensorInput, o: Resolved): { values: tf.Tensor; mask?: tf.Tensor } {
  const pred = toFloat(yPred);
  const labels = alignLabels(toTensor(yTrue), pred);
  if (o.validateLabels) checkLabelValues(labels, pred.shape[pred.rank - 1] as number, o.ignoreClass);
  let indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  if (o.ignoreClass === null) return { values: perSample(indices, pred, o.fromLogits) };
  // Ignored entries: any valid index in, zero out. (Keras zeroes their predictions instead,
  // which gives 0/0 before the mask; this way neither the value nor its gradient sees a NaN.)
  const valid = tf.notEqual(indices, o.ignoreClass);
  indices = tf.where(valid, indices, tf.zerosLike(indices));
  const values = tf.where(valid, perSample(indices, pred, o.fromLogits), tf.zeros(indices.shape));
  return { values, mask: valid };
}

/**
 * Per-sample crossentropy against integer labels, as `keras.losses.sparse_categorical_crossentropy`
 * (entries equal to `ignoreClass` give 0).
 */
export function sparseCategoricalCrossentropy(
  yTrue: TensorInput,
  yPred: TensorInput,
  options: SparseCategoricalCrossentropyFnOptions = {},
): tf.Tensor {
  const axis = options.axis ?? -1;
  return tf.tidy(() => {
    const rank = toTensor(yPred).rank;
    if (axis !== -1 && axis !== rank - 1) {
      throw InvalidArgumentError.expected(`axis for ${OWNER}`, `-1 or ${rank - 1} (the last axis)`, axis);
    }
    return compute(yTrue, yPred, resolve(options)).values;
  });
}

/**
 * Keras's `SparseCategoricalCrossentropy`: integer labels, probabilities or (`fromLogits`)
 * logits. With `ignoreClass`, the mean runs over the other entries only.
 */
export class SparseCategoricalCrossentropy extends Loss {
  static override readonly className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  /** Read the labels back and check their range on every call (see the option). */
  validateLabels: boolean;
  constructor(options: SparseCategoricalCrossentropyOptions = {}) {
    super(options, {
      defaultName: 'sparse_categorical_crossentropy',
      options: ['fromLogits', 'ignoreClass', 'validateLabels'],
    });
    ({ fromLogits: this.fromLogits, ignoreClass: this.ignoreClass, validateLabels: this.validateLabels } =
      resolve(options));
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor | { values: tf.Tensor; mask: tf.Tensor } {
    const out = compute(yTrue, yPred, this);
    return out.mask ? { values: out.values, mask: out.mask } : out.values;
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, ignore_class: this.ignoreClass };
  }
}
