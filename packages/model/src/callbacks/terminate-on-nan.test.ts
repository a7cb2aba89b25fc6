import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { TerminateOnNaN } from './terminate-on-nan.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe('TerminateOnNaN', () => {
  it('stops training at the first batch whose loss is not finite', async () => {
    setRandomSeed(4);
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
    // A learning rate this large makes SGD diverge: the loss overflows to Infinity, then NaN.
    model.compile({ optimizer: { class_name: 'SGD', config: { learning_rate: 1e6 } }, loss: 'mse' });
    const x = tf.mul(tf.ones([64, 1]), 100);
    const y = tf.ones([64, 1]);
    const cb = new TerminateOnNaN();
    const history = await model.fit(x, y, { epochs: 20, batchSize: 1, shuffle: false, verbose: 0, callbacks: [cb] });
    expect(cb.terminatedAtBatch).not.toBeNull();
    expect(history.epoch).toHaveLength(1);
    expect(cb.getConfig()).toEqual({});
    tf.dispose([x, y]);
    model.dispose();
  });

  it('does nothing while the loss is finite', () => {
    const cb = new TerminateOnNaN();
    const model = { stopTraining: false };
    cb.setModel(model);
    cb.onTrainBatchEnd(0, { loss: 0.5 });
    cb.onTrainBatchEnd(1, {});
    expect(model.stopTraining).toBe(false);
    cb.onTrainBatchEnd(2, { loss: Number.NaN });
    expect(model.stopTraining).toBe(true);
  });
});
