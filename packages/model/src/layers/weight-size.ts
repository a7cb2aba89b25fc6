import { InvalidArgumentError } from '@neuralkit/core';
import { MAX_LAYER_ELEMENTS } from '../config-limits.js';

/** Refuses a weight too large to allocate (a config asking for `units: 1e9`) before any memory is taken. */
export function checkWeightSize(layer: string, weight: string, shape: readonly number[]): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || size > MAX_LAYER_ELEMENTS) {
    throw new InvalidArgumentError(
      `Invalid size of weight "${weight}" of layer "${layer}": shape [${shape.join(', ')}] needs ${size} elements, ` +
        `expected at most ${MAX_LAYER_ELEMENTS}.`,
    );
  }
}
