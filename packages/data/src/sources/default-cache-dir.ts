import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.neuralkit/datasets/<dataset>`, like Keras's `~/.keras/datasets`. */
export function defaultCacheDir(dataset: string): string {
  return join(homedir(), '.neuralkit', 'datasets', dataset);
}
