import fc from 'fast-check';

/** One change to a file's bytes: how real damage and hostile edits look to a parser. */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'length'; at: number; value: number }
  | { kind: 'splice'; at: number; remove: number; insert: number[] };

/** Positions (a fraction of the length, an offset from the start, or from the end) biased to the start and end of a file, where headers and indexes sit. */
function position(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 4095 }).map((n) => -1 - n),
    fc.integer({ min: 1, max: 4096 }),
  );
}

/** Where a position arbitrary lands in a file of `length` bytes. */
function resolve(p: number, length: number): number {
  if (length === 0) return 0;
  if (p < 0) return Math.max(0, length + p);
  if (!Number.isInteger(p) || p < 1) return Math.min(length - 1, Math.floor(p * length));
  return Math.min(length - 1, p);
}

/** Values written over 1, 2, 4 or 8 bytes: the sizes, counts and offsets a format declares. */
const LENGTHS = [0, 1, 0x7f, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0xffffffff, 0x80000000, 0x10000];

export function mutationArbitrary(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    position().map((at): Mutation => ({ kind: 'truncate', at })),
    fc.record({ at: position(), bit: fc.integer({ min: 0, max: 7 }) }).map((m): Mutation => ({ kind: 'flip', ...m })),
    fc.record({ at: position(), value: fc.oneof(fc.constantFrom(...LENGTHS), fc.nat()) }).map((m): Mutation => ({ kind: 'length', ...m })),
    fc
      .record({ at: position(), remove: fc.integer({ min: 0, max: 64 }), insert: fc.array(fc.nat({ max: 255 }), { maxLength: 16 }) })
      .map((m): Mutation => ({ kind: 'splice', ...m })),
  );
}

/** Applies a mutation to a copy of `bytes`. */
export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = resolve(m.at, bytes.length);
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const out = bytes.slice();
      if (out.length > 0) out[at] = (out[at] ?? 0) ^ (1 << m.bit);
      return out;
    }
    case 'length': {
      const out = bytes.slice();
      const width = m.value > 0xffff ? 4 : m.value > 0xff ? 2 : 1;
      // Written both ways round: HDF5 and zip are little-endian, IDX and PNG big-endian.
      for (let k = 0; k < width && at + k < out.length; k++) {
        out[at + k] = (m.value >>> (8 * (at % 2 === 0 ? k : width - 1 - k))) & 0xff;
      }
      return out;
    }
    case 'splice': {
      const out = new Uint8Array(bytes.length - Math.min(m.remove, bytes.length - at) + m.insert.length);
      out.set(bytes.subarray(0, at));
      out.set(m.insert, at);
      out.set(bytes.subarray(Math.min(bytes.length, at + m.remove)), at + m.insert.length);
      return out;
    }
  }
}

/** A seed file with one to three mutations applied. */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), mutations: fc.array(mutationArbitrary(), { minLength: 1, maxLength: 3 }) })
    .map(({ seed, mutations }) => mutations.reduce((bytes, m) => applyMutation(bytes, m), seeds[seed] as Uint8Array));
}
