import { InvalidArgumentError } from '@neuralkit/core';

/** The options of the binary and categorical crossentropies (Keras's, camelCase). */
export interface CrossentropyFnOptions {
  /** `y_pred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]; 0 (the default) leaves the labels alone. */
  labelSmoothing?: number;
  /** The class axis (categorical) or the axis averaged over (binary). Default -1. */
  axis?: number;
}

export interface ResolvedCrossentropyOptions {
  fromLogits: boolean;
  labelSmoothing: number;
  axis: number;
}

export function resolveCrossentropyOptions(owner: string, options: CrossentropyFnOptions): ResolvedCrossentropyOptions {
  const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  if (typeof fromLogits !== 'boolean') {
    throw InvalidArgumentError.expected(`from_logits for ${owner}`, 'a boolean', fromLogits);
  }
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw InvalidArgumentError.expected(`label_smoothing for ${owner}`, 'a number in [0, 1]', labelSmoothing);
  }
  if (!Number.isInteger(axis)) {
    throw InvalidArgumentError.expected(`axis for ${owner}`, 'an integer', axis);
  }
  return { fromLogits, labelSmoothing, axis };
}
