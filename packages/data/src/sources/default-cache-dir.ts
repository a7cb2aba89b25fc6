import { nodeImport } from '../runtime.js';

/** `~/.neuralkit/datasets/<dataset>`, like Keras's `~/.keras/datasets`. */
export async function defaultCacheDir(dataset: string): Promise<string> {
  const { homedir } = await nodeImport<typeof import('node:os')>('node:os');
  const { join } = await nodeImport<typeof import('node:path')>('node:path');
  return join(homedir(), '.neuralkit', 'datasets', dataset);
}
