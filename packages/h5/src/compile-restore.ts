import type { KerasSequential } from './model-types.js';
import { normalizeTrainingConfig } from './training-config.js';

/** What a training config lacks for `compile`: a usable optimizer and a loss. */
function missingParts(config: Record<string, unknown>): string[] {
  const missing: string[] = [];
  const optimizer = config.optimizer_config as { class_name?: unknown } | null | undefined;
  if (!optimizer || typeof optimizer.class_name !== 'string' || optimizer.class_name === '') missing.push('optimizer');
  if (config.loss === undefined || config.loss === null) missing.push('loss');
  return missing;
}

/**
 * Compiles a loaded model from its saved training config. A config that cannot be restored (no
 * optimizer, an unknown loss or metric) leaves the model uncompiled with a warning naming what
 * was skipped, as Keras does, instead of failing the load. Returns whether the model was compiled.
 */
export function compileFromFile(model: KerasSequential, trainingConfig: Record<string, unknown>, source: string): boolean {
  const config = normalizeTrainingConfig(trainingConfig);
  const missing = missingParts(config);
  if (missing.length > 0) {
    console.warn(`${source}: loaded uncompiled: the saved compile config has no ${missing.join(' and no ')}; call model.compile() before training.`);
    return false;
  }
  try {
    model.compileFromTrainingConfig(config);
    return true;
  } catch (error) {
    console.warn(`${source}: loaded uncompiled: the saved compile config could not be restored (${(error as Error).message}); call model.compile() before training.`);
    return false;
  }
}
