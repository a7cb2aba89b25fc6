import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import './index.js';
import { saveToBytes } from './keras-h5-format.js';
import { readKerasH5 } from './read-h5.js';

/** The keys of every object, nested, with the values left out (arrays element by element). */
function keyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyTree);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keyTree(v)]));
  }
  return null;
}

/** Key order too: JSON written in the same order as tf.keras reads the same to a person diffing files. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
  return null;
}

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe('the configs of a neuralkit .h5 against the tf.keras 2.15 file of the same model', () => {
  it('has model_config and training_config key for key as tf.keras 2.15 writes them', async () => {
    const keras = await readKerasH5(fixtureBytes(FILES.tfkeras215));
    const model = sequential([
      layers.flatten({ inputShape: [28, 28] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.zeros([2, 28, 28]);
    const y = tf.tensor1d([3, 7]);
    await model.fit(x, y, { verbose: 0 });
    const ours = await readKerasH5(await saveToBytes(model));

    // Layers, initializers ({module, class_name, config, registered_name}), InputLayer entry.
    expect(keyTree(ours.modelConfig)).toEqual(keyTree(keras.modelConfig));
    expect(keyOrder(ours.modelConfig)).toEqual(keyOrder(keras.modelConfig));

    // tf.keras 2.15 writes metrics as serialized MeanMetricWrapper objects; ours stay the strings
    // both Keras generations compile from (`["accuracy"]`), so that value is compared apart.
    const withoutMetrics = (c: Record<string, unknown> | undefined) => ({ ...c, metrics: null });
    expect(keyTree(withoutMetrics(ours.trainingConfig))).toEqual(keyTree(withoutMetrics(keras.trainingConfig)));
    expect(keyOrder(withoutMetrics(ours.trainingConfig))).toEqual(keyOrder(withoutMetrics(keras.trainingConfig)));
    expect(ours.trainingConfig?.metrics).toEqual(['accuracy']);
    // Values that decide how tf.keras 2.15 rebuilds the optimizer (a legacy one would reject weight_decay).
    expect(ours.trainingConfig?.optimizer_config).toMatchObject({
      class_name: 'Custom>Adam',
      config: { name: 'Adam', jit_compile: false, is_legacy_optimizer: false },
    });
    tf.dispose([x, y]);
    model.dispose();
  });
});
