import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError, checkOptions, type Identifier, type SerializedObject } from '@neuralkit/core';
import * as activations from '../activations/registry.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import * as initializers from '../initializers/registry.js';
import type { Initializer } from '../initializers/initializer.js';
import * as regularizers from '../regularizers/regularizer.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import { formatShape, type Shape } from './shape.js';
import { dense } from '../kernels/dense.js';
import { kerasObject } from './keras-object.js';
import { int8MatMul } from '../quantize/int8-matmul.js';
import type { QuantizableKernel } from '../quantize/quantize-layer.js';

export interface DenseOptions extends LayerOptions {
  units: number;
  activation?: activations.ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: Identifier<Initializer>;
  biasInitializer?: Identifier<Initializer>;
  kernelRegularizer?: Identifier<Regularizer> | null;
  biasRegularizer?: Identifier<Regularizer> | null;
  /** Accepted as Keras writes it (null); anything else is not supported. */
  activityRegularizer?: null;
  kernelConstraint?: null;
  biasConstraint?: null;
  loraRank?: null;
  loraAlpha?: null;
}

const KEYS = [
  ...LAYER_OPTION_KEYS,
  'units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer',
  'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint', 'loraRank', 'loraAlpha',
];

/** `activation(inputs @ kernel + bias)` on the last axis, as Keras's Dense. */
export class Dense extends Layer {
  static override readonly className = 'Dense';
  readonly units: number;
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;

  constructor(options: DenseOptions) {
    checkOptions('Dense', options, KEYS);
    super(options);
    if (!Number.isInteger(options?.units) || options.units <= 0) {
      throw InvalidArgumentError.expected(`\`units\` of Dense layer "${this.name}"`, 'a positive integer', options?.units);
    }
    for (const key of ['activityRegularizer', 'kernelConstraint', 'biasConstraint', 'loraRank'] as const) {
      if (options[key] !== undefined && options[key] !== null) {
        throw InvalidArgumentError.expected(`\`${key}\` of Dense layer "${this.name}"`, 'null (not supported)', options[key]);
      }
    }
    this.units = options.units;
    this.activation = activations.get(options.activation);
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = initializers.get(options.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(options.biasInitializer ?? 'zeros');
    this.kernelRegularizer = options.kernelRegularizer ? regularizers.get(options.kernelRegularizer) : null;
    this.biasRegularizer = options.biasRegularizer ? regularizers.get(options.biasRegularizer) : null;
  }

  get kernel(): tf.Variable {
    return this.weights[0]!.variable;
  }

  get bias(): tf.Variable | undefined {
    return this.useBias ? this.weights[1]?.variable : undefined;
  }

  /** Keras's `kernel_scale` (one multiplier per unit) once quantized to int8. */
  get kernelScale(): tf.Variable | undefined {
    return this.weights.find((w) => w.name === 'kernel_scale')?.variable;
  }

  override quantizableKernel(): QuantizableKernel {
    return { weight: 'kernel', reducedAxes: [0] };
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || typeof inputDim !== 'number') {
      throw new ShapeError(
        `Dense layer "${this.name}" needs inputs with a known last axis, received shape ${formatShape(inputShape)}.`,
      );
    }
    this.addWeight({ name: 'kernel', shape: [inputDim, this.units], initializer: this.kernelInitializer, regularizer: this.kernelRegularizer ?? undefined });
    if (this.useBias) {
      this.addWeight({ name: 'bias', shape: [this.units], initializer: this.biasInitializer, regularizer: this.biasRegularizer ?? undefined });
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    const fusable = this.activation.name === 'relu';
    const out = this.linear(inputs, fusable ? 'relu' : 'linear');
    return fusable ? out : this.activation.apply(out);
  }

  /**
   * `inputs @ kernel + bias` before the activation (with relu fused when asked): the backend's
   * Dense kernel, or `tf.fused.matMul`. Training uses it to fuse softmax into the loss.
   */
  linear(inputs: tf.Tensor, activation: 'linear' | 'relu' = 'linear'): tf.Tensor {
    const flat = inputs.rank === 2 ? (inputs as tf.Tensor2D) : tf.reshape(inputs, [-1, inputs.shape[inputs.rank - 1]!]) as tf.Tensor2D;
    const out = this.quantizationMode === 'int8'
      ? this.int8Linear(flat, activation)
      : dense(flat, this.kernel as tf.Tensor2D, this.bias, activation === 'relu');
    return inputs.rank === 2 ? out : tf.reshape(out, [...inputs.shape.slice(0, -1), this.units]);
  }

  private int8Linear(flat: tf.Tensor2D, activation: 'linear' | 'relu'): tf.Tensor2D {
    return tf.tidy(() => {
      let out: tf.Tensor2D = int8MatMul(flat, this.kernel as tf.Tensor2D, this.kernelScale as tf.Tensor1D);
      if (this.bias) out = tf.add(out, this.bias);
      return activation === 'relu' ? tf.relu(out) : out;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      kernel_initializer: kerasObject('keras.initializers', initializers.serialize(this.kernelInitializer)),
      bias_initializer: kerasObject('keras.initializers', initializers.serialize(this.biasInitializer)),
      kernel_regularizer: this.kernelRegularizer ? kerasObject('keras.regularizers', regularizers.serialize(this.kernelRegularizer)) : null,
      bias_regularizer: this.biasRegularizer ? kerasObject('keras.regularizers', regularizers.serialize(this.biasRegularizer)) : null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    };
  }
}

export type { SerializedObject };
