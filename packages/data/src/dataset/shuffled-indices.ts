import { shuffleInPlace } from '@neuralkit/core';

/**
 * `0 … n-1`, shuffled by neuralkit's seeded stream when `shuffle` is true: after
 * `setRandomSeed(s)` the same calls give the same orders.
 */
export function shuffledIndices(n: number, shuffle = true): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  return shuffle ? shuffleInPlace(indices) : indices;
}
