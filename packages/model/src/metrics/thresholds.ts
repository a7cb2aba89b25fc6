import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';

/** Keras's `parse_init_thresholds`: a number or list of numbers in [0, 1], or the default. */
export function parseThresholds(owner: string, value: unknown, fallback: number): number[] {
  if (value === null || value === undefined) return [fallback];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((t) => typeof t === 'number' && t >= 0 && t <= 1)) {
    throw InvalidArgumentError.expected(`\`thresholds\` of ${owner}`, 'a number or a list of numbers in [0, 1] (or null)', value);
  }
  return list as number[];
}

/**
 * Keras's evenly spaced thresholds: `num` of them from 0 to 1, the inner ones `(i + 1) / (num - 1)`
 * as float64, rounded once to float32 as the Keras variables hold them.
 */
export function evenThresholds(num: number, low: number, high: number): number[] {
  const inner = Array.from({ length: num - 2 }, (_, i) => (i + 1) / (num - 1));
  return [low, ...inner, high];
}

export function checkInteger(owner: string, what: string, value: unknown, min: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < min) {
    throw InvalidArgumentError.expected(`\`${what}\` of ${owner}`, `an integer >= ${min} (or null)`, value);
  }
  return value as number;
}

export function checkUnit(owner: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw InvalidArgumentError.expected(`\`${what}\` of ${owner}`, 'a number in [0, 1]', value);
  }
  return value;
}

/** The thresholds as a kept device tensor (made once per metric). */
export function thresholdTensor(values: readonly number[]): tf.Tensor1D {
  return tf.keep(tf.tensor1d(values as number[], 'float32'));
}
