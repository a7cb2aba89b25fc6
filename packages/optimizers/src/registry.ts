import { Registry, type Identifier, type SerializedObject } from '@neuralkit/core';
import type { Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';
import { Adagrad } from './adagrad.js';
import { Adadelta } from './adadelta.js';
import { RMSprop } from './rmsprop.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';

/** The optimizer family; `'adam'`, `'Adam'`, `'rmsprop'`... all resolve. Register your own here. */
export const optimizerRegistry = new Registry<Optimizer>('optimizer')
  .register(SGD)
  .register(Adagrad)
  .register(Adadelta)
  .register(RMSprop)
  .register(Adam)
  .register(Adamax)
  .register(Nadam);

/** A name (`'adam'`), a Keras `{ class_name, config }` object or an instance (returned as is). */
export function get(id: Identifier<Optimizer>): Optimizer {
  return optimizerRegistry.get(id);
}

/** Keras's `{ class_name, config }`, the learning-rate schedule nested in the same form. */
export function serialize(optimizer: Optimizer): SerializedObject {
  return optimizerRegistry.serialize(optimizer);
}
