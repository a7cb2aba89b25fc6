import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMES, tempDir, writeSmallDataset } from '../../test/fixtures.js';
import { mnist } from '../mnist.js';
import { fashionMnist } from '../fashion-mnist.js';
import { embeddedMnistDir } from './embedded-dir.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  temp = await tempDir();
});
afterAll(() => temp.remove());

describe('{ dir } source', () => {
  it('reads the real MNIST files from a folder, raw and .gz mixed', async () => {
    const dir = join(temp.dir, 'mixed');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    const embedded = await embeddedMnistDir();
    await copyFile(join(embedded, NAMES.trainImages), join(dir, NAMES.trainImages));
    await copyFile(join(embedded, NAMES.trainLabels), join(dir, NAMES.trainLabels));
    const testImages = await readFile(join(embedded, NAMES.testImages));
    await writeFile(join(dir, `${NAMES.testImages}.gz`), gzipSync(testImages, { level: 1 }));
    await writeFile(join(dir, `${NAMES.testLabels}.gz`), gzipSync(await readFile(join(embedded, NAMES.testLabels))));

    const data = await mnist.loadArrays({ dir });
    expect(data.train.xShape).toEqual([60000, 28, 28]);
    expect(data.test.xShape).toEqual([10000, 28, 28]);
    expect([...data.train.y.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...data.test.y.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
    // The decompressed pixels are the raw file's bytes after its 16-byte header.
    expect(Buffer.from(data.test.x).equals(testImages.subarray(16))).toBe(true);
  });

  it('loads Fashion-MNIST from a folder of .gz files', async () => {
    const dir = join(temp.dir, 'fashion');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    await writeSmallDataset(dir, { gzip: true });
    const data = await fashionMnist.loadArrays({ dir });
    expect(data.train.xShape).toEqual([3, 28, 28]);
    expect([...data.test.y]).toEqual([9, 0]);
    // fixtures write image i with its first pixel equal to i.
    expect([data.train.x[0], data.train.x[784], data.train.x[2 * 784]]).toEqual([0, 1, 2]);

    const before = tf.memory().numTensors;
    const tensors = await fashionMnist.loadData({ dir, dtype: 'int32' });
    expect([tensors.train.x.dtype, tensors.train.x.shape, tensors.test.y.dtype]).toEqual(['int32', [3, 28, 28], 'int32']);
    expect(Array.from(tensors.test.y.dataSync())).toEqual([9, 0]);
    tf.dispose([tensors.train.x, tensors.train.y, tensors.test.x, tensors.test.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a missing file and what the folder holds', async () => {
    await expect(mnist.loadArrays({ dir: temp.dir })).rejects.toThrowError(
      `${temp.dir}: missing train-images-idx3-ubyte (raw or .gz); the folder holds fashion, mixed.`,
    );
    await expect(mnist.loadArrays({ dir: join(temp.dir, 'nope') })).rejects.toThrowError(/Cannot read the data folder .*nope: ENOENT/);
  });

  it('says clearly that Fashion-MNIST has no offline copy', async () => {
    await expect(fashionMnist.loadData()).rejects.toThrowError(
      "Fashion-MNIST has no offline copy: pass { dir } (a folder holding the four files, raw or .gz) or { url: 'https://storage.googleapis.com/tensorflow/tf-keras-datasets/' } (downloaded once, verified and cached).",
    );
  });

  it('rejects a misspelt option instead of silently using the default source', async () => {
    await expect(mnist.loadData({ dri: temp.dir } as never)).rejects.toThrowError(
      'Unknown option "dri" for mnist.loadData. Known options: dir, url, cacheDir, sha256, dtype.',
    );
  });

  it('refuses dir and url together', async () => {
    await expect(mnist.loadArrays({ dir: temp.dir, url: 'http://127.0.0.1:1/' })).rejects.toThrowError(
      /Invalid MNIST source: expected either `dir` or `url`, not both/,
    );
  });
});
