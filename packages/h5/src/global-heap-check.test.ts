import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { checkGlobalHeaps } from './global-heap-check.js';
import { saveToBytes } from './keras-h5-format.js';
import { readKerasH5 } from './read-h5.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

async function ownSave(): Promise<Uint8Array> {
  const model = sequential([layers.flatten({ inputShape: [4, 4] }), layers.dense({ units: 3, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const bytes = await saveToBytes(model);
  model.dispose();
  return bytes;
}

/** Byte offsets of each global heap object's size field in the first collection, walked as HDF5 does. */
function objectSizes(bytes: Uint8Array): Array<{ index: number; sizeAt: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = Buffer.from(bytes).indexOf('GCOL');
  const end = at + Number(view.getBigUint64(at + 8, true));
  const found: Array<{ index: number; sizeAt: number }> = [];
  for (let p = at + 16; p + 16 <= end; ) {
    const index = view.getUint16(p, true);
    const size = Number(view.getBigUint64(p + 8, true));
    found.push({ index, sizeAt: p + 8 });
    p += index > 0 ? 16 + Math.ceil(size / 8) * 8 : size;
  }
  return found;
}

describe('global heaps that would hang the HDF5 library', () => {
  it('a free-space object of size 0 (found by the fuzz suite: the reader looped forever) is refused at once', async () => {
    const bytes = await ownSave();
    const free = objectSizes(bytes).find((o) => o.index === 0);
    expect(free).toBeDefined();
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(free!.sizeAt, 0n, true);
    const started = performance.now();
    await expect(readKerasH5(bytes, 'hostile.h5')).rejects.toThrow(/hostile\.h5: damaged HDF5 global heap at byte \d+: object 0 at byte \d+ has size 0/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an object size that wraps the library\'s 32-bit sizes to 0 is refused', async () => {
    const bytes = await ownSave();
    const first = objectSizes(bytes).find((o) => o.index > 0)!;
    // 16 + (2³² − 16) ≡ 0 (mod 2³²): the object would not advance.
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(first.sizeAt, 2n ** 32n - 16n, true);
    expect(() => checkGlobalHeaps(bytes, 'wrap.h5')).toThrow(/wrap\.h5: damaged HDF5 global heap/);
  });

  it('passes every real Keras file and our own saves', async () => {
    for (const name of [FILES.tfkeras224, FILES.keras333, FILES.tfkeras215]) expect(() => checkGlobalHeaps(fixtureBytes(name), name)).not.toThrow();
    const bytes = await ownSave();
    expect(objectSizes(bytes).length).toBeGreaterThan(2);
    expect(() => checkGlobalHeaps(bytes, 'own.h5')).not.toThrow();
    await expect(readKerasH5(bytes, 'own.h5')).resolves.toMatchObject({ format: 'h5' });
  });
});
