import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@neuralkit/core';
import { images, labels, NAMES, tempDir, writeSmallDataset } from '../../test/fixtures.js';
import { mnist } from '../mnist.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
let count = 0;
beforeAll(async () => {
  temp = await tempDir();
});
afterAll(() => temp.remove());

/** Loads a small dataset whose files are the fixtures' except `replace`. */
async function load(replace: Parameters<typeof writeSmallDataset>[1] = {}) {
  const dir = join(temp.dir, String(count++));
  await mkdir(dir);
  await writeSmallDataset(dir, replace);
  return { dir, promise: mnist.loadArrays({ dir }) };
}

describe('bad MNIST files', () => {
  it('accepts the well-formed fixture', async () => {
    const { promise } = await load();
    expect((await promise).train.yShape).toEqual([3]);
  });

  it('wrong magic number: a labels file where images belong', async () => {
    const { dir, promise } = await load({ replace: { trainImages: labels([1, 2, 3]) } });
    const file = join(dir, NAMES.trainImages);
    await expect(promise).rejects.toThrowError(
      `${file}: wrong magic number: expected 0x00000803 (images: unsigned bytes, 3 dimensions), received 0x00000801.`,
    );
  });

  it('wrong magic number: not an IDX file at all', async () => {
    const { promise } = await load({ replace: { testLabels: new TextEncoder().encode('<html>not found</html>') } });
    await expect(promise).rejects.toThrowError(/t10k-labels-idx1-ubyte: wrong magic number: .* received 0x3c68746d\./);
  });

  it('truncated file', async () => {
    const { dir, promise } = await load({ replace: { testImages: images(2).subarray(0, 1000) } });
    await expect(promise).rejects.toThrowError(
      `${join(dir, NAMES.testImages)}: truncated file: dimensions [2, 28, 28] of uint8 need 1584 bytes, received 1000.`,
    );
  });

  it('dimensions that do not match the size', async () => {
    const long = new Uint8Array(1584 + 784);
    long.set(images(2));
    const { promise } = await load({ replace: { testImages: long } });
    await expect(promise).rejects.toThrowError(/do not match the size: expected 1584 bytes, received 2368 \(784 extra\)\./);
  });

  it('label count different from the image count', async () => {
    const { dir, promise } = await load({ replace: { trainLabels: labels([1, 2]) } });
    await expect(promise).rejects.toThrowError(
      `${join(dir, NAMES.trainLabels)}: label count 2 differs from the image count 3 of ${join(dir, NAMES.trainImages)}.`,
    );
  });

  it('a label outside 0–9', async () => {
    const { dir, promise } = await load({ replace: { testLabels: labels([3, 10]) } });
    await expect(promise).rejects.toThrowError(`${join(dir, NAMES.testLabels)}: label 10 at index 1 is outside 0–9.`);
    await expect(promise).rejects.toBeInstanceOf(DataFormatError);
  });

  it('corrupt gzip data', async () => {
    // Let the first load finish before damaging a file it reads (else it can reject unhandled).
    const { dir, promise } = await load({ gzip: true });
    expect((await promise).test.yShape).toEqual([2]);
    const { readFile, writeFile } = await import('node:fs/promises');
    const path = join(dir, `${NAMES.trainLabels}.gz`);
    const gz = await readFile(path);
    await writeFile(path, gz.subarray(0, gz.length - 6));
    await expect(mnist.loadArrays({ dir })).rejects.toThrowError(`${path}: corrupt gzip data: unexpected end of file.`);
  });
});
