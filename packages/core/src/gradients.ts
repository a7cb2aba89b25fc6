import { getGradient, registerGradient } from '@tensorflow/tfjs-core';
// Built by scripts/bundle-gradients.mjs (see there for why); `../dist` is this package's
// dist folder both from src/ (tests) and from dist/ (the published build).
import { gradConfigs } from '../dist/gradients-bundle.js';

/**
 * Registers every tfjs-core gradient that is not registered yet. tfjs-core alone registers
 * none, so without this `tf.grad` fails ("gradient function not found for RealDiv").
 * Idempotent: a gradient already present (from `@tensorflow/tfjs`, or a second copy of this
 * package) is left alone, so nothing is registered twice. Returns how many it added.
 */
export function registerGradients(): number {
  let added = 0;
  for (const config of gradConfigs) {
    if (getGradient(config.kernelName) === undefined) {
      registerGradient(config);
      added++;
    }
  }
  return added;
}

registerGradients();
