import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { squeezeOrExpandToSameRank } from './alignment.js';

export { squeezeOrExpandToSameRank };

/** Keras's `backend.epsilon()` in float32. */
export const EPSILON = 1e-7;

/** A tensor, or anything `tf.tensor()` accepts (nested arrays, typed arrays, numbers). */
export type TensorInput = tf.Tensor | tf.TensorLike;

/** Duck-typed: no `instanceof` across packages (two copies of tfjs-core break it). */
export function isTensor(value: unknown): value is tf.Tensor {
  return (
    value !== null &&
    typeof value === 'object' &&
    'dataId' in value &&
    Array.isArray((value as tf.Tensor).shape) &&
    typeof (value as tf.Tensor).dtype === 'string'
  );
}

export function toTensor(value: TensorInput): tf.Tensor {
  return isTensor(value) ? value : tf.tensor(value);
}

export function toFloat(value: TensorInput): tf.Tensor {
  const t = toTensor(value);
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** The NumPy broadcast of two shapes, or a ShapeError naming `owner` and both shapes. */
export function broadcastShapes(owner: string, what: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${owner}: ${what} have shapes ${fmt(a)} and ${fmt(b)}, which do not broadcast ` +
          '(expected equal shapes, or dimensions that are equal or 1).',
      );
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function expectSameShape(owner: string, yTrue: tf.Tensor, yPred: tf.Tensor): void {
  const same = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
  if (!same) {
    throw new ShapeError(
      `${owner}: y_true and y_pred must have the same shape, received y_true ${fmt(yTrue.shape)} ` +
        `and y_pred ${fmt(yPred.shape)}.`,
    );
  }
}

/**
 * Both inputs as float32, ranks aligned as Keras's loss wrapper does, then checked:
 * equal shapes when `sameShape`, else shapes that broadcast.
 */
export function floatPair(
  owner: string,
  yTrue: TensorInput,
  yPred: TensorInput,
  sameShape = false,
): [tf.Tensor, tf.Tensor] {
  const [t, p] = squeezeOrExpandToSameRank(toFloat(yTrue), toFloat(yPred));
  if (sameShape) expectSameShape(owner, t, p);
  else broadcastShapes(owner, 'y_true and y_pred', t.shape, p.shape);
  return [t, p];
}

/** An integer axis within `[-rank, rank)`. */
export function checkAxis(owner: string, axis: number, rank: number): void {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw InvalidArgumentError.expected(
      `axis for ${owner}`,
      `an integer in [${-rank}, ${rank}) for inputs of rank ${rank}`,
      axis,
    );
  }
}

export function formatShape(shape: readonly number[]): string {
  return fmt(shape);
}
