import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import type { Initializer } from '../initializers/initializer.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { toSnakeCase, uniqueLayerName, uniqueVariableName } from './unique-name.js';
import { formatShape, type Shape } from './shape.js';
import { parseDtypePolicy, serializeDtypePolicy, type QuantizationMode } from '../quantize/dtype-policy.js';
import { quantizeLayer, type QuantizableKernel } from '../quantize/quantize-layer.js';
import { checkWeightSize } from './weight-size.js';
import { connect } from '../graph/connect.js';
import { isSymbolicInput, type SymbolicTensor } from '../graph/symbolic-tensor.js';

export interface LayerOptions {
  name?: string;
  trainable?: boolean;
  /** `'float32'` (default), `'float16'` weights or Keras 3's `int8_from_float32`; policy objects are accepted. */
  dtype?: unknown;
  /** Shape of one sample, e.g. `[28, 28]` (first layer only, as in Keras). */
  inputShape?: number[];
  /** tf.keras 2's `batch_input_shape`, e.g. `[null, 28, 28]`. */
  batchInputShape?: Shape;
  /** Keras 3's `batch_shape`. */
  batchShape?: Shape;
  batchSize?: number | null;
}

export const LAYER_OPTION_KEYS = ['name', 'trainable', 'dtype', 'inputShape', 'batchInputShape', 'batchShape', 'batchSize'];

export interface LayerWeight {
  /** `'kernel'`, `'bias'`... */
  name: string;
  variable: tf.Variable;
  trainable: boolean;
  regularizer?: Regularizer | undefined;
  /** How the weight is stored when it is not float32: int8 values (held in int32) or float16-rounded values. */
  dtype?: 'int8' | 'float16';
}

/**
 * Base of every layer. A subclass sets `className`, creates its weights in `build`, maps
 * inputs to outputs in `call`, gives the output shape and its Keras config.
 *
 * ```ts
 * class Scale extends Layer {
 *   static readonly className = 'Scale';
 *   override build(inputShape: Shape) {
 *     this.addWeight({ name: 'scale', shape: [inputShape.at(-1)!], initializer: new Ones() });
 *     super.build(inputShape);
 *   }
 *   call(x: tf.Tensor) { return tf.mul(x, this.weights[0]!.variable); }
 * }
 * ```
 */
export abstract class Layer {
  static readonly className: string;
  readonly name: string;
  trainable: boolean;
  built = false;
  readonly weights: LayerWeight[] = [];
  /** Set on a first layer given `inputShape` (Keras's `batch_input_shape`). */
  readonly batchInputShape: Shape | undefined;
  inputShape: Shape | undefined;
  outputShape: Shape | undefined;
  /** Set by `quantize` (or a quantized dtype policy in the config): how the weights are stored. */
  quantizationMode: QuantizationMode | null;

  constructor(options: LayerOptions = {}) {
    const cls = this.constructor as unknown as { className: string };
    this.name = options.name ?? uniqueLayerName(toSnakeCase(cls.className));
    this.trainable = options.trainable ?? true;
    this.quantizationMode = parseDtypePolicy(this.name, options.dtype);
    this.batchInputShape = resolveBatchShape(options);
  }

  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** Creates the weights for inputs of `inputShape` (batch axis first, may be null). */
  build(inputShape: Shape): void {
    this.inputShape = [...inputShape];
    this.outputShape = this.computeOutputShape(inputShape);
    this.built = true;
    // A quantized dtype policy from a config: the weights take the quantized layout the file holds.
    const mode = this.quantizationMode;
    if (mode && this.weights.length > 0) {
      this.quantizationMode = null;
      quantizeLayer(this, mode);
    }
  }

  /**
   * The weight `quantize('int8')` stores as int8 and the axes its per-channel scale reduces
   * over (the kernel's input axes), or null when this layer has none (it is then skipped, as in Keras).
   * Dense gives `{ weight: 'kernel', reducedAxes: [0] }`; a convolution would reduce every
   * axis but the last, one scale per filter, and call its own int8 path when quantized.
   */
  quantizableKernel(): QuantizableKernel | null {
    return null;
  }

  abstract call(inputs: tf.Tensor, options: { training: boolean }): tf.Tensor;

  computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  /**
   * Builds on first use, checks the input shape, runs `call`. On symbolic tensors (from
   * `input()`), records the call in the model being defined and returns a symbolic output.
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], options?: { training?: boolean }): SymbolicTensor;
  apply(inputs: tf.Tensor | tf.Tensor[], options?: { training?: boolean }): tf.Tensor;
  apply(inputs: tf.Tensor | tf.Tensor[] | SymbolicTensor | SymbolicTensor[], options: { training?: boolean } = {}): tf.Tensor | SymbolicTensor {
    if (isSymbolicInput(inputs)) return connect(this, inputs);
    if (Array.isArray(inputs)) return this.applyInputs(inputs as tf.Tensor[], { training: options.training ?? false });
    const x = inputs as tf.Tensor;
    if (!this.built) this.build([null, ...x.shape.slice(1)]);
    else this.checkInputShape(x.shape);
    return this.call(x, { training: options.training ?? false });
  }

  /** The output shape for these input shapes, building the layer first (graph definition). One input unless overridden. */
  buildForInputs(shapes: Shape[]): Shape {
    const shape = this.singleInput(shapes);
    if (!this.built) this.build(shape);
    else this.checkInputShape(shape.map((d) => d ?? 0).map((d, i) => (i === 0 ? 0 : d)));
    return this.computeOutputShape(shape);
  }

  /** Runs the layer on the tensors of one graph node. One input unless overridden (merge layers). */
  applyInputs(inputs: tf.Tensor[], options: { training: boolean }): tf.Tensor {
    return this.apply(this.singleInput(inputs), options);
  }

  private singleInput<T>(inputs: T[]): T {
    if (inputs.length !== 1) {
      throw new InvalidArgumentError(`Layer "${this.name}" (${this.className}) takes one input, received a list of ${inputs.length}.`);
    }
    return inputs[0]!;
  }

  /** Throws a ShapeError naming this layer when `shape` does not fit the built input shape. */
  checkInputShape(shape: readonly number[]): void {
    const expected = this.inputShape;
    if (!expected) return;
    const fits = expected.length === shape.length && expected.every((d, i) => i === 0 || d === null || d === shape[i]);
    if (!fits) {
      throw new ShapeError(
        `Input to layer "${this.name}" (${this.className}) has the wrong shape: expected ${formatShape(expected)}, received ${formatShape(shape)}.`,
      );
    }
  }

  protected addWeight(spec: {
    name: string;
    shape: number[];
    initializer: Initializer;
    regularizer?: Regularizer | undefined;
    trainable?: boolean;
  }): tf.Variable {
    const trainable = spec.trainable ?? true;
    checkWeightSize(this.name, spec.name, spec.shape);
    const value = spec.initializer.apply(spec.shape, 'float32');
    const variable = tf.variable(value, trainable, uniqueVariableName(`${this.name}/${spec.name}`));
    value.dispose();
    this.weights.push({ name: spec.name, variable, trainable, regularizer: spec.regularizer });
    return variable;
  }

  get trainableWeights(): LayerWeight[] {
    return this.trainable ? this.weights.filter((w) => w.trainable) : [];
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** The live weight values (not copies), in creation order. */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => w.variable);
  }

  setWeights(values: readonly tf.Tensor[]): void {
    if (values.length !== this.weights.length) {
      throw new InvalidArgumentError(
        `Layer "${this.name}" expects ${this.weights.length} weight tensor(s), received ${values.length}.`,
      );
    }
    this.weights.forEach((w, i) => {
      const v = values[i]!;
      if (!tf.util.arraysEqual(w.variable.shape, v.shape)) {
        throw new ShapeError(
          `Weight "${w.name}" of layer "${this.name}" has shape ${formatShape(w.variable.shape)}, received a tensor of shape ${formatShape(v.shape)}.`,
        );
      }
      if (v.dtype === w.variable.dtype) w.variable.assign(v);
      else tf.tidy(() => w.variable.assign(tf.cast(v, w.variable.dtype))); // the variable keeps the data, not the cast
    });
  }

  /** Sum of this layer's weight penalties, or null when it has none. */
  regularizationLoss(): tf.Scalar | null {
    const terms = this.weights.filter((w) => w.regularizer).map((w) => w.regularizer!.apply(w.variable));
    if (terms.length === 0) return null;
    return terms.length === 1 ? terms[0]! : (tf.addN(terms) as tf.Scalar);
  }

  /** Keras's base layer config; subclasses add their own keys. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: serializeDtypePolicy(this.quantizationMode) };
    if (this.batchInputShape) config.batch_input_shape = [...this.batchInputShape];
    return config;
  }

  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
    this.weights.length = 0;
    this.built = false;
  }
}

function resolveBatchShape(options: LayerOptions): Shape | undefined {
  const batch = options.batchShape ?? options.batchInputShape;
  if (batch) return [...batch];
  if (options.inputShape) {
    for (const d of options.inputShape) {
      if (d !== null && (!Number.isInteger(d) || d <= 0)) {
        throw InvalidArgumentError.expected('`inputShape`', 'positive integers (or null)', options.inputShape);
      }
    }
    return [options.batchSize ?? null, ...options.inputShape];
  }
  return undefined;
}
