import { Functional, type FunctionalOptions } from './functional.js';

/** Keras's `keras.Model(inputs, outputs)`: `model({ inputs: x, outputs: y })` for tensors from `input()` and layers. */
export function model(options: FunctionalOptions): Functional {
  return new Functional(options);
}
