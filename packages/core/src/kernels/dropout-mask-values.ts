import { mix32 } from '../random.js';

/** splitmix32's state step: the state of draw `i` (from 0) of a stream seeded `seed` is seed + (i + 1)·STEP. */
export const SPLITMIX32_STEP = 0x9e3779b9;

/**
 * The two numbers a Dropout mask of `rate` is made from: a unit is kept when its 32-bit draw is at
 * least `threshold` (the draw / 2³² ≥ rate, in integers: exact, and the same test on a GPU's u32),
 * and a kept unit is `scale` = float32(1 / float32(1 − rate)). `threshold` is 2³² (nothing kept)
 * only for a rate within 2⁻³² of 1.
 */
export function dropoutMaskConstants(rate: number): { threshold: number; scale: number } {
  return { threshold: Math.ceil(rate * 2 ** 32), scale: Math.fround(1 / Math.fround(1 - rate)) };
}

/**
 * Dropout's multiplier for `count` units: unit i is `scale` when draw i of the splitmix32 stream
 * seeded `seed` passes `threshold`, else 0. Each unit depends on its index alone, so a GPU kernel
 * (the seam's `dropoutMask`) makes the same mask in parallel.
 */
export function dropoutMaskValues(count: number, rate: number, seed: number): Float32Array {
  const { threshold, scale } = dropoutMaskConstants(rate);
  const values = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + SPLITMIX32_STEP) >>> 0;
    if (mix32(state) >= threshold) values[i] = scale;
  }
  return values;
}
