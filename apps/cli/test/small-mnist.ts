import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIdx, mnist } from '@neuralkit/data';
import { tempDir } from './temp-dir.js';

/**
 * A `--data-dir` with the first `train` and `test` MNIST samples, in the four IDX files a user
 * would download: keeps training tests to seconds on a small machine. Removed by the calling
 * file's `afterAll(removeTempDirs)`.
 */
export async function smallMnistDir(train = 3000, test = 500): Promise<string> {
  const data = await mnist.loadArrays();
  const dir = tempDir('neuralkit-small-mnist-');
  const write = (name: string, shape: number[], bytes: Uint8Array) =>
    writeFileSync(join(dir, name), encodeIdx({ dtype: 'uint8', shape, data: bytes }));
  write('train-images-idx3-ubyte', [train, 28, 28], data.train.x.subarray(0, train * 784));
  write('train-labels-idx1-ubyte', [train], data.train.y.subarray(0, train));
  write('t10k-images-idx3-ubyte', [test, 28, 28], data.test.x.subarray(0, test * 784));
  write('t10k-labels-idx1-ubyte', [test], data.test.y.subarray(0, test));
  return dir;
}
