import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../test/backend.js';
import { layers } from './layers/index.js';
import { Sequential } from './sequential.js';
import { sequential } from './sequential-factory.js';

beforeAll(() => activate('cpu'));

const lecture = () =>
  sequential([layers.flatten({ inputShape: [28, 28], name: 'flatten' }), layers.dense({ units: 10, activation: 'softmax', name: 'dense' })], { name: 'sequential' });

describe('Sequential', () => {
  it("prints Keras 3's summary of the lecture model (Total params: 7,850)", () => {
    const text = lecture().summary({ print: false });
    // Keras 3.x output for the same model (columns 33/24/15, sizes as float32 bytes).
    expect(text).toBe(
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
        '│ flatten (Flatten)               │ (None, 784)            │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense (Dense)                   │ (None, 10)             │         7,850 │',
        '└─────────────────────────────────┴────────────────────────┴───────────────┘',
        ' Total params: 7,850 (30.66 KB)',
        ' Trainable params: 7,850 (30.66 KB)',
        ' Non-trainable params: 0 (0.00 B)',
      ].join('\n'),
    );
  });

  it('writes the tf.keras 2 config (InputLayer entry, batch_input_shape) and reads it back', () => {
    const model = lecture();
    const config = model.getConfig();
    expect(config.name).toBe('sequential');
    const entries = config.layers as Array<{ class_name: string; config: Record<string, unknown> }>;
    expect(entries.map((e) => e.class_name)).toEqual(['InputLayer', 'Flatten', 'Dense']);
    expect(entries[0]!.config).toMatchObject({ batch_input_shape: [null, 28, 28], dtype: 'float32' });
    expect(entries[1]!.config).toMatchObject({ batch_input_shape: [null, 28, 28], data_format: 'channels_last' });
    const again = Sequential.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(again.getConfig()).toEqual(config);
    expect(again.countParams()).toBe(7850);
  });

  it('reads a Keras 3 config (module/registered_name, batch_shape, dtype policy)', () => {
    const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
    const keras3 = {
      name: 'sequential_7', trainable: true, dtype: policy,
      layers: [
        { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 28, 28], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null },
        { module: 'keras.layers', class_name: 'Flatten', config: { name: 'flatten_9', trainable: true, dtype: policy, data_format: 'channels_last' }, registered_name: null },
        { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense_9', trainable: true, dtype: policy, units: 10, activation: 'softmax', use_bias: true,
          kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
          bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
          kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, quantization_config: null }, registered_name: null },
      ],
      build_input_shape: [null, 28, 28],
    };
    const model = Sequential.fromConfig(keras3);
    expect(model.layers.map((l) => l.name)).toEqual(['flatten_9', 'dense_9']);
    expect(model.outputShape).toEqual([null, 10]);
    expect((model.getConfig({ style: 'keras3' }).layers as Array<{ config: Record<string, unknown> }>)[0]!.config).toMatchObject({ batch_shape: [null, 28, 28] });
  });

  it('gets and sets weights in layer order, checking shapes', () => {
    const model = lecture();
    const ws = model.getWeights();
    expect(ws.map((w) => w.shape)).toEqual([[784, 10], [10]]);
    model.setWeights([tf.zeros([784, 10]), tf.ones([10])]);
    expect(Array.from(model.getWeights()[1]!.dataSync())).toEqual(new Array(10).fill(1));
    expect(() => model.setWeights([tf.zeros([784, 11]), tf.ones([10])])).toThrowError(/Weight "kernel" of layer "dense" has shape \(784, 10\), received a tensor of shape \(784, 11\)/);
  });

  it('produces and consumes Keras training_config', () => {
    const model = lecture();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const tc = model.getTrainingConfig()!;
    expect(tc).toMatchObject({ loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'], loss_weights: null, optimizer_config: { class_name: 'Adam' } });
    const other = lecture();
    // tf.keras 2 writes metrics as MeanMetricWrapper objects, possibly nested per output.
    other.compileFromTrainingConfig({ ...tc, metrics: [[{ class_name: 'MeanMetricWrapper', config: { name: 'accuracy', dtype: 'float32', fn: 'sparse_categorical_accuracy' } }]] });
    expect(other.metricNames).toEqual(['loss', 'accuracy']);
    expect(other.optimizer!.getConfig()).toEqual(model.optimizer!.getConfig());
  });

  it('predict checks the input shape against the first layer', async () => {
    const model = lecture();
    await expect(model.predict(tf.zeros([2, 28, 27]))).rejects.toThrowError(
      'Input to Sequential "sequential" does not match its first layer "flatten" (Flatten): expected samples of shape (None, 28, 28), received (None, 28, 27).',
    );
    const out = await model.predict(tf.zeros([70, 28, 28]), { batchSize: 32 });
    expect(out.shape).toEqual([70, 10]);
  });
});
