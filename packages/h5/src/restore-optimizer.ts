import * as tf from '@tensorflow/tfjs-core';
import type { StoredOptimizerWeight } from './keras-file.js';
import { trainableVariables, type KerasSequential } from './model-types.js';
import { alignOptimizerWeights } from './optimizer-weights.js';

/**
 * Restores saved optimizer state: builds the optimizer for the model's trainable variables, then
 * sets the iteration count and slots. When the saved state does not fit, Keras warns and keeps a
 * fresh optimizer; so does this, returning the reason.
 */
export function restoreOptimizerState(
  model: KerasSequential,
  saved: readonly StoredOptimizerWeight[],
  source: string,
): string | undefined {
  const optimizer = model.optimizer;
  if (!optimizer || saved.length === 0) return undefined;
  const variables = trainableVariables(model);
  optimizer.build(variables);
  const slotCount = optimizer.getWeightNames().length - 1;
  const perVariable = variables.length === 0 ? 0 : slotCount / variables.length;
  const aligned = alignOptimizerWeights(saved, variables.map((v) => v.shape), perVariable);
  if ('problem' in aligned) {
    const message = `${source}: the saved optimizer state was not restored (${aligned.problem}); training continues with a fresh optimizer.`;
    console.warn(message);
    return message;
  }
  const tensors = [tf.scalar(aligned.iterations, 'int32'), ...aligned.slots.map((s) => tf.tensor(s.data, s.shape, 'float32'))];
  try {
    optimizer.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
  return undefined;
}
