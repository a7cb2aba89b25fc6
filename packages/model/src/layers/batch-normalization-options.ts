import { InvalidArgumentError, type Identifier } from '@neuralkit/core';
import type { Initializer } from '../initializers/initializer.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import type { LayerOptions } from './layer.js';

export interface BatchNormalizationOptions extends LayerOptions {
  /** The features axis; Keras's default -1. tf.keras 2 files write a one-element list (`[3]`). */
  axis?: number | [number];
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: Identifier<Initializer>;
  gammaInitializer?: Identifier<Initializer>;
  movingMeanInitializer?: Identifier<Initializer>;
  movingVarianceInitializer?: Identifier<Initializer>;
  betaRegularizer?: Identifier<Regularizer> | null;
  gammaRegularizer?: Identifier<Regularizer> | null;
  betaConstraint?: null;
  gammaConstraint?: null;
  /** Only false (one device). */
  synchronized?: boolean;
  /** tf.keras 2 options, accepted with their defaults only. */
  renorm?: boolean;
  renormClipping?: null;
  renormMomentum?: number;
  fused?: boolean | null;
  virtualBatchSize?: null;
  adjustment?: null;
}

const KEYS = [
  'axis', 'momentum', 'epsilon', 'center', 'scale', 'betaInitializer', 'gammaInitializer', 'movingMeanInitializer',
  'movingVarianceInitializer', 'betaRegularizer', 'gammaRegularizer', 'betaConstraint', 'gammaConstraint',
  'synchronized', 'renorm', 'renormClipping', 'renormMomentum', 'fused', 'virtualBatchSize', 'adjustment',
];

/** Option checks of BatchNormalization, apart so the layer stays one concern. */
export const normalizationOptions = {
  keys: KEYS,

  axis(value: unknown, layer: string): number {
    const axis = Array.isArray(value) && value.length === 1 ? value[0] : value ?? -1;
    if (!Number.isInteger(axis)) throw InvalidArgumentError.expected(`\`axis\` of ${layer}`, 'an integer (one axis)', value);
    return axis as number;
  },

  fraction(value: unknown, what: string, layer: string): number {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw InvalidArgumentError.expected(`\`${what}\` of ${layer}`, 'a number in [0, 1]', value);
    }
    return value;
  },

  checkUnsupported(options: BatchNormalizationOptions, layer: string): void {
    const off: Array<[keyof BatchNormalizationOptions, unknown]> = [
      ['betaConstraint', null], ['gammaConstraint', null], ['synchronized', false], ['renorm', false],
      ['renormClipping', null], ['virtualBatchSize', null], ['adjustment', null],
    ];
    for (const [key, value] of off) {
      const given = options[key];
      if (given !== undefined && given !== null && given !== value) {
        throw InvalidArgumentError.expected(`\`${key}\` of ${layer}`, `${JSON.stringify(value)} (not supported)`, given);
      }
    }
  },
};
