import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { ExponentialDecay } from '@neuralkit/schedules';
import type { Optimizer } from './optimizer.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import { expectClose, run, useCpu } from '../test/helpers.js';
import { goldenGrads } from '../test/reference.js';

// One recipe per optimizer, every option on, so both backends run every code path.
const recipes: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01, clipnorm: 1 })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.2, clipvalue: 0.5 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1, rho: 0.8, globalClipnorm: 2 })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ['Adam', () => new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 2, decayRate: 0.5 }), amsgrad: true })],
  ['Adamax', () => new Adamax({ learningRate: 0.2, weightDecay: 0.004 })],
  ['Nadam', () => new Nadam({ learningRate: 0.5, beta1: 0.5, beta2: 0.67 })],
];

afterAll(useCpu);

describe('cpu and wasm backends', () => {
  it('give the same values for every optimizer over 8 steps', async () => {
    const results: Record<string, number[][][]> = {};
    for (const backend of ['cpu', 'wasm']) {
      // cpu through its adapter: its fused update kernels against wasm's generic ops path.
      if (backend === 'cpu') await useCpu();
      else await tf.setBackend(backend);
      await tf.ready();
      expect(tf.getBackend()).toBe(backend);
      results[backend] = recipes.map(([, make]) => run(make(), new Array(10).fill(1), goldenGrads(8)));
    }
    recipes.forEach(([name], r) => {
      results.cpu![r]!.forEach((x, step) => {
        try {
          expectClose(results.wasm![r]![step]!, x, 1e-6, 1e-7);
        } catch (e) {
          throw new Error(`${name}, step ${step + 1}: ${(e as Error).message}`, { cause: e });
        }
      });
    });
  });
});
