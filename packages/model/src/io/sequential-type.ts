import type * as tf from '@tensorflow/tfjs-core';

/** The optimizer state the formats save and restore (the optimizers package contract). */
export interface SavableOptimizer {
  getWeights(): tf.Tensor[];
  getWeightNames(): string[];
  setWeights(tensors: tf.Tensor[]): void;
  build(variables: tf.Variable[]): void;
}

/** The layer view the formats need. */
export interface SavableLayer {
  readonly name: string;
  readonly weights: ReadonlyArray<{ name: string; variable: tf.Variable }>;
}

/**
 * The model type the formats handle. The `Sequential` class (in `../sequential.ts`) satisfies it;
 * the structural view keeps `io/` free of a load-time cycle with it.
 */
export interface Sequential {
  readonly name: string;
  readonly layers: readonly SavableLayer[];
  readonly optimizer?: SavableOptimizer | null;
  getConfig(): Record<string, unknown>;
  getTrainingConfig(): Record<string, unknown> | null | undefined;
  compileFromTrainingConfig(trainingConfig: Record<string, unknown>): void;
}
