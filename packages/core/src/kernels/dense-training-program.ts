import type * as tf from '@tensorflow/tfjs-core';

/** A hidden Dense layer's activation that a whole-step program computes (with its gradient). */
export type DenseProgramActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** The optimizer attrs of one step (an optimizer's fused-kernel attrs, `optimizerUpdateKernel`). */
export type ProgramOptimizerAttrs = Record<string, number | boolean>;

/**
 * What a whole-step training program trains: `x → Dense(act)* → Dense(softmax)` under Keras's
 * sparse categorical crossentropy (`sum_over_batch_size`, no sample weights), with an optimizer
 * that has a fused update kernel (`optimizerUpdateKernel`) and, optionally, sparse categorical
 * accuracy.
 */
export interface DenseTrainingSpec {
  /** The whole training set, `[samples, features]` float32 (Flatten's view of the inputs). */
  x: tf.Tensor;
  /** Class indices `[samples]`, int32 or float32, already checked to lie in `[0, classes)`. */
  y: tf.Tensor;
  /**
   * Every Dense layer in order; the last one's activation is the softmax folded into the loss.
   * `dropout` (a hidden layer's) is the rate of a Dropout on its output: the mask of step `s` is
   * `dropoutMaskValues` of the seed the step gives, over the layer's `[rows, units]` output.
   */
  layers: Array<{ kernel: tf.Variable; bias: tf.Variable | undefined; activation: DenseProgramActivation | 'softmax'; dropout?: number }>;
  optimizer: {
    /** Keras's class name (`Adam`), as `optimizerUpdateKernel` takes it. */
    className: string;
    /** The slots' kernel input names (`momentum`, `velocity`, ...), in slot order. */
    slotNames: readonly string[];
    /** Each weight's slots (kernel, then bias, layer by layer), in `slotNames` order. */
    slots: ReadonlyArray<readonly tf.Variable[]>;
  };
}

/**
 * A backend's training step for a `DenseTrainingSpec`, recorded once (pipelines, bind groups,
 * scratch buffers) and replayed per batch: gather, forward, loss and gradient, backward, every
 * weight's update and the loss and accuracy sums, with nothing read back.
 */
export interface DenseTrainingProgram {
  /**
   * One step on rows `rows` of x and y. Once the step will run, `draw` is called once and gives
   * the optimizer's attrs (it counts the optimizer's iteration) and a seed for each layer with a
   * dropout, in layer order. `sums` (float32 `[2]`) gains the batch's summed per-sample loss and
   * its number of argmax matches. Returns false, having done nothing and drawn nothing, when a
   * buffer it must write is shared or not the backend's own (the caller then runs the step its
   * usual way).
   */
  step(step: {
    rows: Int32Array;
    draw: () => { attrs: ProgramOptimizerAttrs; dropoutSeeds: number[] };
    sums: tf.Variable;
  }): boolean;
  /** Frees what the program made (never the spec's tensors). */
  dispose(): void;
}

/** Makes the program for a spec, or undefined when the backend cannot run this one. */
export type DenseTrainingProgramFactory = (spec: DenseTrainingSpec) => DenseTrainingProgram | undefined;

const factories = new Map<string, DenseTrainingProgramFactory>();

/** Registers (or, with undefined, removes) a backend's whole-step program factory. */
export function registerDenseTrainingProgram(backendName: string, factory: DenseTrainingProgramFactory | undefined): void {
  if (factory) factories.set(backendName, factory);
  else factories.delete(backendName);
}

/** The backend's whole-step program factory, if it has one. */
export function denseTrainingProgramFactory(backendName: string): DenseTrainingProgramFactory | undefined {
  return factories.get(backendName);
}
