import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { dropoutMaskConstants, dropoutMaskValues } from './dropout-mask-values.js';

/** The mask as Dropout made it before: a float draw in [0, 1) per unit, kept when ≥ rate. */
function floatDraws(count: number, rate: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const scale = Math.fround(1 / Math.fround(1 - rate));
  return Float32Array.from({ length: count }, () => (random() >= rate ? scale : 0));
}

describe('dropoutMaskValues', () => {
  it('keeps exactly the units the float draw keeps, for any seed and rate', () => {
    for (const seed of [0, 1, 123_456_789, 2 ** 32 - 1]) {
      for (const rate of [0.1, 0.2, 0.5, 0.9, 1 / 3, 0.999]) {
        expect(dropoutMaskValues(5000, rate, seed), `seed ${seed}, rate ${rate}`).toEqual(floatDraws(5000, rate, seed));
      }
    }
  });

  it('keeps about 1 − rate of the units, scaled by 1 / (1 − rate)', () => {
    const mask = dropoutMaskValues(100_000, 0.2, 7);
    const kept = mask.filter((v) => v !== 0);
    expect(kept.length / mask.length).toBeCloseTo(0.8, 2);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1.25)]));
  });

  it('threshold and scale: rate 0 keeps every unit, a rate next to 1 none', () => {
    expect(dropoutMaskConstants(0)).toEqual({ threshold: 0, scale: 1 });
    expect(dropoutMaskConstants(0.5).threshold).toBe(2 ** 31);
    expect(dropoutMaskValues(10, 1 - 2 ** -40, 3).every((v) => v === 0)).toBe(true);
  });
});
