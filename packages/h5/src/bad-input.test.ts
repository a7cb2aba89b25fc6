import { DataFormatError } from '@neuralkit/core';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { createH5Bytes, h5Module } from './h5-runtime.js';
import { readKerasModelFile } from './read-model-file.js';

async function scratchFiles(): Promise<string[]> {
  return (await h5Module()).FS.readdir('/').filter((name: string) => name.startsWith('neuralkit-'));
}

/** Rewrites the first dataspace message whose dims and max dims are `from` (8-byte little-endian each). */
function patchDims(bytes: Uint8Array, from: number[], to: number[]): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const pattern = [...from, ...from].map(BigInt);
  for (let i = 0; i + 8 * pattern.length <= out.length; i += 1) {
    if (pattern.every((v, k) => view.getBigUint64(i + 8 * k, true) === v)) {
      [...to, ...to].forEach((v, k) => view.setBigUint64(i + 8 * k, BigInt(v), true));
      return out;
    }
  }
  throw new Error('dims not found');
}

describe('bad input gives a clear error, never a crash or a hang', () => {
  it('not HDF5 and not a zip', async () => {
    const error = await readKerasModelFile(new TextEncoder().encode('{"modelTopology": {}}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toMatch(/^Uint8Array: not a Keras model file: expected HDF5 .* received 21 bytes starting 7b 22 6d/);
    await expect(readKerasModelFile(new ArrayBuffer(0))).rejects.toThrow('received an empty file');
  });

  it('an HDF5 file that is not a Keras model', async () => {
    const bytes = await createH5Bytes((file) => {
      file.create_dataset({ name: 'x', data: new Float32Array([1, 2]), shape: [2], dtype: '<f' });
    });
    await expect(readKerasModelFile(bytes)).rejects.toThrow(
      'an HDF5 file but not a Keras model: expected a root attribute `model_config` and a group `model_weights`, received attributes [] and groups [x].',
    );
  });

  it('a truncated file', async () => {
    const whole = fixtureBytes(FILES.keras333);
    await expect(readKerasModelFile(whole.subarray(0, 600_000))).rejects.toThrow(/cannot open as HDF5 \(.*truncated file: eof = 600000/);
    await expect(readKerasModelFile(whole.subarray(0, 100))).rejects.toThrow(/cannot open as HDF5/);
    const archive = fixtureBytes(FILES.keras310);
    await expect(readKerasModelFile(archive.subarray(0, 200_000))).rejects.toThrow(DataFormatError);
  });

  it('absurd declared sizes are refused before any allocation', async () => {
    // The Dense(128) kernel of the Keras 3.3.3 file declared as 784e6 × 128 floats (401 GB).
    const patched = patchDims(fixtureBytes(FILES.keras333), [784, 128], [784_000_000, 128]);
    await expect(readKerasModelFile(patched)).rejects.toThrow(
      'dataset `/model_weights/dense/sequential/dense/kernel`: damaged HDF5 content (H5D__contig_check: invalid dataset size, likely file corruption).',
    );
    // A compressed dataset may be larger than its file, but not 4 TB from a file of a few kB.
    const huge = await createH5Bytes((file) => {
      file.create_attribute('model_config', '{"class_name": "Sequential", "config": {"layers": []}}');
      const weights = file.create_group('model_weights');
      weights.create_attribute('layer_names', ['dense'], [1], 'A');
      const dense = weights.create_group('dense');
      dense.create_attribute('weight_names', ['kernel'], [1], 'A');
      const kernel = dense.create_dataset({
        name: 'kernel', data: new Float32Array(4), shape: [2, 2], dtype: '<f', maxshape: [null, null], chunks: [2, 2], compression: 4,
      });
      kernel.resize([1_000_000, 1_000_000]);
    });
    await expect(readKerasModelFile(huge)).rejects.toThrow(
      /dataset `\/model_weights\/dense\/kernel` declares shape \[1000000, 1000000\] \(4000000000000 bytes\), expected at most \d+ bytes in a file of \d+ bytes/,
    );
  });

  it('a .keras zip without config.json, and broken JSON', async () => {
    await expect(readKerasModelFile(zipSync({ 'metadata.json': new Uint8Array([123, 125]) }))).rejects.toThrow(
      'a zip archive but not a Keras model: expected an entry config.json, found [metadata.json].',
    );
    const broken = zipSync({ 'config.json': new TextEncoder().encode('{"class_name": "Seq') });
    await expect(readKerasModelFile(broken)).rejects.toThrow('`config.json` is not valid JSON');
  });

  it('leaves no scratch files in the in-memory file system', async () => {
    await readKerasModelFile(fixtureBytes(FILES.tfkeras224)).catch(() => undefined);
    await readKerasModelFile(fixtureBytes(FILES.keras333).subarray(0, 600_000)).catch(() => undefined);
    expect(await scratchFiles()).toEqual([]);
  });
});
