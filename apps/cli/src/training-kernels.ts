import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '@neuralkit/model';
import { UsageError } from './errors.js';

/** Gradient kernels that training a layer class needs beyond the basic ops. */
const NEEDS: Record<string, string[]> = {
  Conv2D: ['Conv2DBackpropInput', 'Conv2DBackpropFilter'],
  MaxPooling2D: ['MaxPoolGrad'],
  AveragePooling2D: ['AvgPoolGrad'],
};

/**
 * Refuses, before any data is read, to train a model on a backend that lacks one of its
 * gradient kernels (tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter), naming both.
 */
export function checkTrainable(model: Sequential, backend: string): void {
  for (const layer of model.layers) {
    const missing = (NEEDS[layer.className] ?? []).find((kernel) => !tf.getKernel(kernel, backend));
    if (missing) {
      throw new UsageError(
        `The ${backend} backend cannot train ${layer.className} layers: it has no ${missing} kernel.`,
        'Pass --backend cpu (or another backend that has it).',
      );
    }
  }
}
