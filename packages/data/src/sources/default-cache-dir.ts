import { importNodeBuiltin } from '@neuralkit/core';

/** `~/.neuralkit/datasets/<dataset>`, like Keras's `~/.keras/datasets`. */
export async function defaultCacheDir(dataset: string): Promise<string> {
  const { homedir } = await importNodeBuiltin<typeof import('node:os')>('node:os');
  const { join } = await importNodeBuiltin<typeof import('node:path')>('node:path');
  return join(homedir(), '.neuralkit', 'datasets', dataset);
}
