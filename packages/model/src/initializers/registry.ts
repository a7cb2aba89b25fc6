import { Registry, type Identifier, type SerializedObject } from '@neuralkit/core';
import type { Initializer } from './initializer.js';
import { Constant, Ones, Zeros } from './constant.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './variance-scaling.js';

/** Every initializer by Keras class name and snake_case alias (`'glorot_uniform'`). */
export const initializerRegistry = new Registry<Initializer>('initializer')
  .register(Zeros, ['zeros'])
  .register(Ones, ['ones'])
  .register(Constant, ['constant'])
  .register(RandomUniform, ['random_uniform', 'uniform'])
  .register(RandomNormal, ['random_normal', 'normal'])
  .register(TruncatedNormal, ['truncated_normal'])
  .register(VarianceScaling, ['variance_scaling'])
  .register(GlorotUniform, ['glorot_uniform'])
  .register(GlorotNormal, ['glorot_normal'])
  .register(HeUniform, ['he_uniform'])
  .register(HeNormal, ['he_normal'])
  .register(LecunUniform, ['lecun_uniform'])
  .register(LecunNormal, ['lecun_normal']);

export function get(id: Identifier<Initializer>): Initializer {
  return initializerRegistry.get(id);
}

export function serialize(initializer: Initializer): SerializedObject {
  return initializerRegistry.serialize(initializer);
}
