import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError, checkOptions, type Identifier } from '@neuralkit/core';
import * as activations from '../activations/registry.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import * as initializers from '../initializers/registry.js';
import type { Initializer } from '../initializers/initializer.js';
import * as regularizers from '../regularizers/regularizer.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import { formatShape, type Shape } from './shape.js';
import { kerasObject } from './keras-object.js';
import { dilateKernel } from './dilate-kernel.js';
import { checkRank, dataFormat, outputLength, padding, pair, type Padding } from './conv-arguments.js';
import { fusedConv2d } from '../kernels/fused-conv2d.js';
import { int8Conv2D } from '../quantize/int8-conv2d.js';
import type { QuantizableKernel } from '../quantize/quantize-layer.js';

export interface Conv2DOptions extends LayerOptions {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: Padding;
  /** Only `'channels_last'` (inputs `(batch, height, width, channels)`). */
  dataFormat?: 'channels_last' | null;
  dilationRate?: number | [number, number];
  /** Only 1 (no grouped convolution). */
  groups?: number;
  activation?: activations.ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: Identifier<Initializer>;
  biasInitializer?: Identifier<Initializer>;
  kernelRegularizer?: Identifier<Regularizer> | null;
  biasRegularizer?: Identifier<Regularizer> | null;
  activityRegularizer?: null;
  kernelConstraint?: null;
  biasConstraint?: null;
  loraRank?: null;
  loraAlpha?: null;
}

const KEYS = [
  ...LAYER_OPTION_KEYS,
  'filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'groups', 'activation', 'useBias',
  'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer', 'activityRegularizer',
  'kernelConstraint', 'biasConstraint', 'loraRank', 'loraAlpha',
];

/** 2-D convolution over `(batch, height, width, channels)` inputs, as Keras's Conv2D. */
export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;

  constructor(options: Conv2DOptions) {
    checkOptions('Conv2D', options, KEYS);
    super(options);
    const layer = `Conv2D layer "${this.name}"`;
    if (!Number.isInteger(options?.filters) || options.filters <= 0) {
      throw InvalidArgumentError.expected(`\`filters\` of ${layer}`, 'a positive integer', options?.filters);
    }
    for (const key of ['activityRegularizer', 'kernelConstraint', 'biasConstraint', 'loraRank'] as const) {
      if (options[key] !== undefined && options[key] !== null) {
        throw InvalidArgumentError.expected(`\`${key}\` of ${layer}`, 'null (not supported)', options[key]);
      }
    }
    if (options.groups !== undefined && options.groups !== 1) {
      throw InvalidArgumentError.expected(`\`groups\` of ${layer}`, '1 (grouped convolution is not supported)', options.groups);
    }
    dataFormat(options.dataFormat, layer);
    this.filters = options.filters;
    this.kernelSize = pair(options.kernelSize, 'kernel_size', layer);
    this.strides = pair(options.strides ?? 1, 'strides', layer);
    this.padding = padding(options.padding, layer);
    this.dilationRate = pair(options.dilationRate ?? 1, 'dilation_rate', layer);
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new InvalidArgumentError(
        `${layer}: \`strides\` > 1 cannot be combined with \`dilation_rate\` > 1, received strides ${formatShape(this.strides)} and dilation_rate ${formatShape(this.dilationRate)}.`,
      );
    }
    this.activation = activations.get(options.activation);
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = initializers.get(options.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(options.biasInitializer ?? 'zeros');
    this.kernelRegularizer = options.kernelRegularizer ? regularizers.get(options.kernelRegularizer) : null;
    this.biasRegularizer = options.biasRegularizer ? regularizers.get(options.biasRegularizer) : null;
  }

  /** `[kernelHeight, kernelWidth, inChannels, filters]`, Keras's layout. */
  get kernel(): tf.Variable {
    return this.weights[0]!.variable;
  }

  get bias(): tf.Variable | undefined {
    return this.useBias ? this.weights[1]?.variable : undefined;
  }

  /** One multiplier per filter once quantized to int8 (`kernel_scale`, as Keras names Dense's). */
  get kernelScale(): tf.Variable | undefined {
    return this.weights.find((w) => w.name === 'kernel_scale')?.variable;
  }

  /** int8 per filter: one scale over each filter's `[kh, kw, in]` taps. */
  override quantizableKernel(): QuantizableKernel {
    return { weight: 'kernel', reducedAxes: [0, 1, 2] };
  }

  override build(inputShape: Shape): void {
    const channels = inputShape[3];
    if (inputShape.length === 4 && typeof channels !== 'number') {
      throw new ShapeError(`Conv2D layer "${this.name}" needs a known channel axis, received shape ${formatShape(inputShape)}.`);
    }
    this.computeOutputShape(inputShape); // checks rank and window fit before any weight is made
    this.addWeight({
      name: 'kernel', shape: [...this.kernelSize, channels as number, this.filters],
      initializer: this.kernelInitializer, regularizer: this.kernelRegularizer ?? undefined,
    });
    if (this.useBias) {
      this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer ?? undefined });
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const layer = `Conv2D layer "${this.name}"`;
    checkRank(inputShape, 4, layer, '(batch, height, width, channels)');
    const common = { padding: this.padding, layer };
    return [
      inputShape[0] ?? null,
      outputLength(inputShape[1]!, this.kernelSize[0], { ...common, stride: this.strides[0], dilation: this.dilationRate[0], axis: 'height' }),
      outputLength(inputShape[2]!, this.kernelSize[1], { ...common, stride: this.strides[1], dilation: this.dilationRate[1], axis: 'width' }),
      this.filters,
    ];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    if (this.quantizationMode === 'int8') return this.int8Call(inputs as tf.Tensor4D);
    const fusable = this.activation.name === 'relu' || this.activation.name === 'linear';
    const dilated = this.dilationRate[0] > 1 || this.dilationRate[1] > 1;
    const out = fusedConv2d({
      x: inputs as tf.Tensor4D,
      filter: dilated ? dilateKernel(this.kernel as tf.Tensor4D, this.dilationRate) : (this.kernel as tf.Tensor4D),
      strides: this.strides,
      pad: this.padding,
      bias: this.bias,
      activation: fusable ? (this.activation.name as 'relu' | 'linear') : 'linear',
    });
    return fusable ? out : this.activation.apply(out);
  }

  private int8Call(inputs: tf.Tensor4D): tf.Tensor {
    return tf.tidy(() => {
      const dilated = this.dilationRate[0] > 1 || this.dilationRate[1] > 1;
      const kernel = dilated ? dilateKernel(this.kernel as tf.Tensor4D, this.dilationRate) : (this.kernel as tf.Tensor4D);
      let out: tf.Tensor = int8Conv2D(inputs, { kernel, kernelScale: this.kernelScale as tf.Tensor1D, strides: this.strides, padding: this.padding });
      if (this.bias) out = tf.add(out, this.bias);
      return this.activation.apply(out);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      data_format: 'channels_last',
      dilation_rate: [...this.dilationRate],
      groups: 1,
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
