import type * as tf from '@tensorflow/tfjs-core';
import { checkOptions } from '@neuralkit/core';
import * as activations from '../activations/registry.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';

export interface ActivationOptions extends LayerOptions {
  activation: activations.ActivationIdentifier;
}

/** Applies an activation function by Keras name. */
export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: ActivationFunction;

  constructor(options: ActivationOptions) {
    checkOptions('Activation', options, [...LAYER_OPTION_KEYS, 'activation']);
    super(options);
    this.activation = activations.get(options?.activation);
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return this.activation.apply(inputs);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: activations.serialize(this.activation) };
  }
}
