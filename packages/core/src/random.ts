import { InvalidArgumentError } from './errors.js';

/**
 * One seeded stream for everything random in neuralkit (weight initialisation, shuffling,
 * dropout), like `keras.utils.set_random_seed`. Kept on a global so that duplicate copies
 * of this package still share one stream.
 *
 * The generator is splitmix32 over a 32-bit state: tiny, fast, and good enough to derive
 * seeds for tfjs's own seeded ops and to shuffle indices.
 */
interface RandomState {
  state: number;
  seeded: boolean;
}

const KEY = Symbol.for('neuralkit.random');

function randomState(): RandomState {
  const g = globalThis as unknown as Record<symbol, RandomState | undefined>;
  let s = g[KEY];
  if (!s) {
    s = { state: (Math.random() * 2 ** 32) >>> 0, seeded: false };
    g[KEY] = s;
  }
  return s;
}

/** Seeds the stream: the same seed gives the same weights after the same fit on the same backend. */
export function setRandomSeed(seed: number): void {
  // The state is 32 bits, so a larger seed would alias a smaller one; numpy's seed has the same range.
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw InvalidArgumentError.expected('random seed', 'an integer from 0 to 4294967295', seed);
  }
  const s = randomState();
  s.state = seed;
  s.seeded = true;
}

/** Whether `setRandomSeed` was called. */
export function isRandomSeeded(): boolean {
  return randomState().seeded;
}

/** The next 32-bit unsigned integer of the stream. */
export function nextUint32(): number {
  const s = randomState();
  s.state = (s.state + 0x9e3779b9) >>> 0;
  return mix32(s.state);
}

/** splitmix32's output function: a well-spread 32-bit hash of the state. */
export function mix32(state: number): number {
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A float in [0, 1). */
export function nextRandom(): number {
  return nextUint32() / 2 ** 32;
}

/** A seed for a tfjs seeded op (`randomUniform(..., seed)`), drawn from the stream. */
export function nextSeed(): number {
  return nextUint32();
}

/** Fisher–Yates shuffle of `array` in place, driven by the stream (or by `random` if given). */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  array: T,
  random: () => number = nextRandom,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A separate generator seeded from `seed` (for a layer's own `seed` option, as Keras allows). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return mix32(state) / 2 ** 32;
  };
}
