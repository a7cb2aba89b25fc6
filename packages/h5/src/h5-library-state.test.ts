import { DataFormatError } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { h5Runtime } from './h5-runtime.js';
import { readKerasH5 } from './read-h5.js';
import type { KerasModelFile } from './keras-file.js';

/** Every weight of a read file as name → values, to compare two reads exactly. */
function weightValues(file: KerasModelFile): Record<string, number[]> {
  return Object.fromEntries(file.layers.flatMap((layer) => layer.weights.map((w) => [`${layer.name}/${w.name}`, Array.from(w.data)])));
}

describe('the HDF5 library is put back in its first state after every file', () => {
  it('finds the library instance, so the state can be restored', async () => {
    const { state } = await h5Runtime();
    expect(state).toBeDefined();
  });

  it('a failed read leaves no stack drift and no open file descriptor', async () => {
    const { module, state } = await h5Runtime();
    // The Emscripten file system's descriptor table (not in h5wasm's type of FS).
    const open = () => (module.FS as unknown as { streams: unknown[] }).streams.filter(Boolean).length;
    const before = open();
    const truncated = fixtureBytes(FILES.keras333).slice(0, 4000);
    for (let i = 0; i < 3; i += 1) {
      await expect(readKerasH5(truncated, 'truncated.h5')).rejects.toBeInstanceOf(DataFormatError);
      expect(state!.stackDrift()).toBe(0);
      expect(open()).toBe(before);
    }
  });

  it('3,000 failed reads in a row, then a real Keras file reads exactly as before them', async () => {
    // Without the reset, each error left ~1 KB of stack behind: after ~2,300 of them the library
    // failed every later call (the stack ran into its static data).
    const good = fixtureBytes(FILES.keras333);
    const first = weightValues(await readKerasH5(good, 'good.h5'));
    const truncated = good.slice(0, 4000);
    let errors = 0;
    for (let i = 0; i < 3000; i += 1) {
      await readKerasH5(truncated, 'truncated.h5').catch((error: unknown) => {
        expect(error).toBeInstanceOf(DataFormatError);
        errors += 1;
      });
    }
    expect(errors).toBe(3000);
    expect(weightValues(await readKerasH5(good, 'good.h5'))).toEqual(first);
  });
});
