import type { Sequential } from '@neuralkit/model';
import { UsageError } from './errors.js';

/** @neuralkit/model as the CLI uses it, typed by the package itself. */
export type ModelLibrary = typeof import('@neuralkit/model');

/**
 * Loads @neuralkit/model, and @neuralkit/h5 with it (importing it registers the .h5/.keras
 * format with `model.save` and `loadModel`). Lazy: only the commands that need a model pay for it.
 */
export async function loadModelLibrary(): Promise<ModelLibrary> {
  const [model] = await Promise.all([import('@neuralkit/model'), import('@neuralkit/h5')]);
  return model;
}

/** Loads a saved model, turning a missing file into a usage error. */
export async function loadSavedModel(path: string): Promise<Sequential> {
  const { existsSync } = await import('node:fs');
  if (!existsSync(path)) throw new UsageError(`Model file not found: ${path}.`, 'Pass a .h5, .keras or model.json file saved by neuralkit or Keras.');
  const model = await loadModelLibrary();
  return model.loadModel(path);
}
