import { InvalidArgumentError, Registry, type SerializedObject } from '@neuralkit/core';
import {
  Elu,
  Exponential,
  Gelu,
  HardSigmoid,
  LeakyRelu,
  Linear,
  LogSoftmax,
  Relu,
  Relu6,
  Selu,
  Sigmoid,
  Silu,
  Softmax,
  Softplus,
  Softsign,
  Tanh,
  type ActivationFunction,
} from './activation-function.js';

/** Every activation by Keras name (`'relu'`, `'swish'`...). */
export const activationRegistry = new Registry<ActivationFunction>('activation')
  .register(Linear, ['Linear'])
  .register(Relu, ['ReLU'])
  .register(Relu6)
  .register(LeakyRelu, ['LeakyReLU'])
  .register(Elu)
  .register(Selu)
  .register(Sigmoid)
  .register(HardSigmoid)
  .register(Tanh)
  .register(Softmax)
  .register(LogSoftmax)
  .register(Softplus)
  .register(Softsign)
  .register(Gelu)
  .register(Silu, ['swish'])
  .register(Exponential);

/** `'relu'`, `{ class_name: 'relu', config: {} }`, an instance, or null/undefined for linear. */
export type ActivationIdentifier = string | SerializedObject | ActivationFunction | null | undefined;

export function get(id: ActivationIdentifier): ActivationFunction {
  if (id === null || id === undefined) return new Linear();
  // Keras 3 may write `{ module: 'keras.activations', class_name: 'function', config: 'relu' }`.
  if (typeof id === 'object' && 'config' in id && typeof (id as { config: unknown }).config === 'string') {
    return activationRegistry.get((id as unknown as { config: string }).config);
  }
  if (typeof id !== 'string' && typeof id !== 'object') {
    throw InvalidArgumentError.expected('activation', 'a Keras activation name such as "relu"', id);
  }
  return activationRegistry.get(id);
}

/** Keras writes activations into configs by name. */
export function serialize(activation: ActivationFunction): string {
  return activation.name;
}
