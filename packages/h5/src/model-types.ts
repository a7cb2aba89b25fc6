import type * as tf from '@tensorflow/tfjs-core';

/** The parts of a neuralkit optimizer that saving and loading use. */
export interface ModelOptimizer {
  getWeights(): tf.Tensor[];
  getWeightNames(): string[];
  setWeights(tensors: tf.Tensor[]): void;
  build(variables: tf.Variable[]): void;
}

/** The parts of a layer that saving and loading use. */
export interface ModelLayer {
  readonly name: string;
  readonly weights: ReadonlyArray<{ name: string; variable: tf.Variable; trainable?: boolean }>;
}

/** The parts of `Sequential` (from @neuralkit/model) that saving and loading use. */
export interface KerasSequential {
  readonly name: string;
  /** `'Sequential'` or `'Functional'`. */
  readonly className?: string;
  readonly layers: readonly ModelLayer[];
  readonly optimizer?: ModelOptimizer | null;
  getConfig(): Record<string, unknown>;
  getTrainingConfig(): Record<string, unknown> | null | undefined;
  compileFromTrainingConfig(trainingConfig: Record<string, unknown>): void;
}

/** The model's trainable variables in layer order: what Keras builds the optimizer for. */
export function trainableVariables(model: KerasSequential): tf.Variable[] {
  return model.layers.flatMap((layer) => layer.weights.filter((w) => w.trainable !== false).map((w) => w.variable));
}
