import { describe, expect, it } from 'vitest';
import { toCategorical } from './mnist-assets.js';

describe('toCategorical', () => {
  it('makes one-hot rows, as keras.utils.to_categorical', () => {
    // labels 2 and 0 of 3 classes → [0, 0, 1] and [1, 0, 0]
    expect(Array.from(toCategorical([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(toCategorical(new Uint8Array([9]))).toHaveLength(10);
  });
});
