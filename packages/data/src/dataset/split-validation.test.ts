import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { arrayDataset } from './array-dataset.js';
import { splitValidation } from './split-validation.js';

const dataset = (n: number) =>
  arrayDataset({ x: Float32Array.from({ length: n }, (_, i) => i), y: Int32Array.from({ length: n }, (_, i) => i), sampleShape: [1] });

describe('splitValidation (Keras validation_split)', () => {
  it('takes the LAST fraction, in order, as validation', () => {
    // 10 samples, 0.2: split at floor(10 * 0.8) = 8 → train 0..7, validation 8..9.
    const { train, validation } = splitValidation(dataset(10), 0.2);
    expect([train.length, validation.length]).toEqual([8, 2]);
    const { x, y } = validation.take([0, 1]);
    expect(Array.from(x.dataSync())).toEqual([8, 9]);
    tf.dispose([x, y]);
  });

  it('floors the split point as Keras 3 does', () => {
    // 7 samples, 0.3: floor(7 * 0.7) = floor(4.8999...) = 4 → 4 train, 3 validation.
    expect(splitValidation(dataset(7), 0.3).validation.length).toBe(3);
    // MNIST with validation_split=0.1: 54000 train, 6000 validation.
    expect(splitValidation(dataset(60000), 0.1).train.length).toBe(54000);
  });

  it('rejects fractions outside (0, 1) and empty sides', () => {
    expect(() => splitValidation(dataset(10), 1)).toThrowError(
      'Invalid `validationSplit`: expected a number between 0 and 1 (exclusive), received 1.',
    );
    // floor(3 * (1 - 0.9)) = floor(0.3) = 0 training samples; 1 - 1e-17 rounds to 1, leaving no validation samples.
    expect(() => splitValidation(dataset(3), 0.9)).toThrowError(
      'Invalid `validationSplit`: expected a fraction that leaves both sides non-empty for 3 samples, received 0.9.',
    );
    expect(() => splitValidation(dataset(3), 1e-17)).toThrowError(/non-empty for 3 samples, received 1e-17/);
  });
});
