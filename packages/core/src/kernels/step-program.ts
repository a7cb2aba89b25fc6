import type * as tf from '@tensorflow/tfjs-core';

/** A hidden layer's activation that a whole-step program computes (with its gradient). */
export type ProgramActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** The optimizer attrs of one step (an optimizer's fused-kernel attrs, `optimizerUpdateKernel`). */
export type ProgramOptimizerAttrs = Record<string, number | boolean>;

/** A layer with weights or a Dropout on its output: the parts every program layer shares. */
interface ProgramLayerBase {
  /**
   * The rate of a Dropout on this layer's output (training only; not on the last layer): the mask
   * of a step is `dropoutMaskValues` of the seed the step gives, over the layer's whole output.
   */
  dropout?: number;
}

/** `activation(x · kernel + bias)` over flat rows; the last layer's `softmax` is folded into the loss. */
export interface ProgramDense extends ProgramLayerBase {
  kind?: 'dense';
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: ProgramActivation | 'softmax';
}

/** Keras's Conv2D, channels last, strides and dilation 1: `kernel` `[kh, kw, in, out]`. */
export interface ProgramConv2D extends ProgramLayerBase {
  kind: 'conv2d';
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: ProgramActivation;
  padding: 'valid' | 'same';
  /** One sample's input `[height, width, channels]`. */
  inputShape: [number, number, number];
}

/** Keras's MaxPooling2D with strides equal to the pool and `valid` padding (windows that do not overlap). */
export interface ProgramMaxPool2D extends ProgramLayerBase {
  kind: 'maxPool2d';
  pool: [number, number];
  /** One sample's input `[height, width, channels]`. */
  inputShape: [number, number, number];
}

/** One layer of a program, in the model's order; a Flatten between them is implicit (rows stay row-major). */
export type ProgramLayer = ProgramDense | ProgramConv2D | ProgramMaxPool2D;

/**
 * What a whole-step training program trains: `x → (Conv2D | MaxPooling2D | Dense(act))* →
 * Dense(softmax)`, each layer optionally followed by a Dropout, under Keras's sparse categorical
 * crossentropy (`sum_over_batch_size`, no sample weights), with an optimizer that has a fused
 * update kernel (`optimizerUpdateKernel`) and, optionally, sparse categorical accuracy.
 */
export interface StepProgramSpec {
  /** The whole training set, `[samples, features]` float32 (each sample's values row-major, channels last). */
  x: tf.Tensor;
  /** Class indices `[samples]`, int32 or float32, already checked to lie in `[0, classes)`. */
  y: tf.Tensor;
  /** The layers in order; the last is a Dense whose softmax is folded into the loss. */
  layers: ProgramLayer[];
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
 * A backend's training step for a `StepProgramSpec`, recorded once (pipelines, bind groups,
 * scratch buffers) and replayed per batch: gather, forward, loss and gradient, backward, every
 * weight's update and the loss and accuracy sums, with nothing read back.
 */
export interface StepProgram {
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
export type StepProgramFactory = (spec: StepProgramSpec) => StepProgram | undefined;

const factories = new Map<string, StepProgramFactory>();

/** Registers (or, with undefined, removes) a backend's whole-step program factory. */
export function registerStepProgram(backendName: string, factory: StepProgramFactory | undefined): void {
  if (factory) factories.set(backendName, factory);
  else factories.delete(backendName);
}

/** The backend's whole-step program factory, if it has one. */
export function stepProgramFactory(backendName: string): StepProgramFactory | undefined {
  return factories.get(backendName);
}
