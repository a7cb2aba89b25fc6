import { describe, expect, it } from 'vitest';
import { isRandomSeeded, nextRandom, nextSeed, seededRandom, setRandomSeed, shuffleInPlace } from './random.js';

describe('seeded random stream', () => {
  it('repeats exactly after the same seed', () => {
    setRandomSeed(42);
    const a = [nextSeed(), nextSeed(), nextRandom()];
    setRandomSeed(42);
    const b = [nextSeed(), nextSeed(), nextRandom()];
    expect(a).toEqual(b);
    expect(isRandomSeeded()).toBe(true);
  });

  it('differs for different seeds', () => {
    setRandomSeed(1);
    const a = nextSeed();
    setRandomSeed(2);
    expect(nextSeed()).not.toBe(a);
  });

  it('gives floats in [0, 1) spread evenly', () => {
    setRandomSeed(7);
    const n = 20000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = nextRandom();
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
      sum += r;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  });

  it('shuffles to a permutation, the same one for the same seed', () => {
    setRandomSeed(3);
    const a = shuffleInPlace(Int32Array.from({ length: 100 }, (_, i) => i));
    setRandomSeed(3);
    const b = shuffleInPlace(Int32Array.from({ length: 100 }, (_, i) => i));
    expect([...a]).toEqual([...b]);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...a]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('a separate seeded generator does not disturb the global stream', () => {
    setRandomSeed(5);
    const expected = nextSeed();
    setRandomSeed(5);
    const own = seededRandom(99);
    own();
    own();
    expect(nextSeed()).toBe(expected);
  });

  it('rejects a seed that is not an integer in [0, 2^32), as numpy (under Keras) does', () => {
    expect(() => setRandomSeed(-1)).toThrowError('Invalid random seed: expected an integer from 0 to 4294967295, received -1.');
    expect(() => setRandomSeed(1.5)).toThrowError(/received 1.5/);
    // The state is 32 bits: 2^32 would silently give the stream of seed 0.
    expect(() => setRandomSeed(2 ** 32)).toThrowError(/received 4294967296/);
    expect(() => setRandomSeed(2 ** 32 - 1)).not.toThrow();
  });
});
