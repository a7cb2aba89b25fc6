import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExponentialDecay } from '@neuralkit/schedules';
import { Adam } from '@neuralkit/optimizers';
import { activate } from '../test/backend.js';
import { layers } from './layers/index.js';
import { sequential } from './sequential-factory.js';
import { columnWidths } from './summary-columns.js';

beforeAll(() => activate('cpu'));

// Flatten → Dense(128, relu) → Dropout(0.2) → Dense(10): 784·128 + 128 = 100,480 and 128·10 + 10 = 1,290.
const mlp = () =>
  sequential([
    layers.flatten({ inputShape: [28, 28], name: 'flatten' }),
    layers.dense({ units: 128, activation: 'relu', name: 'dense' }),
    layers.dropout({ rate: 0.2, name: 'dropout' }),
    layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
  ], { name: 'sequential' });

describe('summary column widths (Keras 3 print_summary over rich)', () => {
  it('gives 33/24/15 at 76 columns and 38/29/17 at 88', () => {
    // Keras: widths int(0.45·L), int(0.80·L) − that, L − int(0.80·L); rich adds 2 of padding each and
    // then removes the excess over L − 4 borders evenly, rounding halves to even.
    // L = 76: 34+2, 26+2, 16+2 = 82 > 72 → excess 10 → cuts round(10/3)=3, round(7/2)=4, 3 → 33, 24, 15.
    expect(columnWidths(76)).toEqual([33, 24, 15]);
    // L = 88: 39+2, 31+2, 18+2 = 94 > 84 → the same cuts 3, 4, 3 → 38, 29, 17.
    expect(columnWidths(88)).toEqual([38, 29, 17]);
    // L = 8: int(3.6) = 3 < 4, which Keras refuses.
    expect(() => columnWidths(8)).toThrow('Insufficient console width');
  });
});

describe('Sequential.summary', () => {
  it("prints Keras 3's table for Flatten → Dense(128) → Dropout → Dense(10)", () => {
    const text = mlp().summary({ print: false, lineLength: 76 });
    expect(text).toBe(
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
        '│ flatten (Flatten)               │ (None, 784)            │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense (Dense)                   │ (None, 128)            │       100,480 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dropout (Dropout)               │ (None, 128)            │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense_1 (Dense)                 │ (None, 10)             │         1,290 │',
        '└─────────────────────────────────┴────────────────────────┴───────────────┘',
        // 101,770 float32 = 407,080 B = 397.54 KB.
        ' Total params: 101,770 (397.54 KB)',
        ' Trainable params: 101,770 (397.54 KB)',
        ' Non-trainable params: 0 (0.00 B)',
      ].join('\n'),
    );
  });

  it('is as wide as the line length Keras would use (88 on a wide terminal)', () => {
    const lines = mlp().summary({ print: false, lineLength: 88 }).split('\n');
    for (const line of lines.slice(1, 12)) expect([...line]).toHaveLength(88);
    expect(lines[2]).toBe(`┃ ${'Layer (type)'.padEnd(36)} ┃ ${'Output Shape'.padEnd(27)} ┃ ${'Param #'.padStart(15)} ┃`);
  });

  it("counts Keras 3's optimizer variables after training: iteration, learning_rate and the slots", async () => {
    const model = mlp();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.zeros([2, 28, 28]);
    const y = tf.tensor1d([1, 2]);
    await model.fit(x, y, { verbose: 0 });
    const before = tf.memory().numTensors;
    const text = model.summary({ print: false, lineLength: 76 });
    expect(tf.memory().numTensors).toBe(before);
    // Adam: m and v per weight (2 · 101,770) + iteration + learning_rate = 203,542 variables;
    // bytes 8 (int64 iteration) + 4 · 203,541 = 814,172 B = 795.09 KB.
    expect(text).toContain('\n Optimizer params: 203,542 (795.09 KB)');
    // 101,770 + 203,542 = 305,312; 407,080 + 814,172 = 1,221,252 B = 1.16 MB.
    expect(text).toContain('\n Total params: 305,312 (1.16 MB)\n');
    tf.dispose([x, y]);
    model.dispose();
  });

  it('has no learning_rate variable when the rate is a schedule (as Keras 3)', async () => {
    const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
    const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    model.compile({ optimizer: new Adam({ learningRate: schedule }), loss: 'mse' });
    const x = tf.ones([2, 3]);
    await model.fit(x, tf.zeros([2, 2]), { verbose: 0 });
    // 3·2 + 2 = 8 weights → 2 · 8 slots + iteration = 17; bytes 8 + 4 · 16 = 72 B.
    expect(model.summary({ print: false, lineLength: 76 })).toContain(' Optimizer params: 17 (72.00 B)');
    x.dispose();
    model.dispose();
  });

  // keras.io's "Simple MNIST convnet": Conv2D(32, 3×3) 3·3·1·32 + 32 = 320; Conv2D(64) 3·3·32·64 + 64 =
  // 18,496; Dense 1600·10 + 10 = 16,010; total 34,826 float32 = 139,304 B = 136.04 KB.
  it("prints Keras's table for the Simple MNIST convnet: Total params 34,826", () => {
    const model = sequential([
      layers.input({ shape: [28, 28, 1] }),
      layers.conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu', name: 'conv2d' }),
      layers.maxPooling2d({ poolSize: [2, 2], name: 'max_pooling2d' }),
      layers.conv2d({ filters: 64, kernelSize: [3, 3], activation: 'relu', name: 'conv2d_1' }),
      layers.maxPooling2d({ poolSize: [2, 2], name: 'max_pooling2d_1' }),
      layers.flatten({ name: 'flatten' }),
      layers.dropout({ rate: 0.5, name: 'dropout' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'dense' }),
    ], { name: 'sequential' });
    expect(model.summary({ print: false, lineLength: 76 })).toBe(
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
        '│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ flatten (Flatten)               │ (None, 1600)           │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dropout (Dropout)               │ (None, 1600)           │             0 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense (Dense)                   │ (None, 10)             │        16,010 │',
        '└─────────────────────────────────┴────────────────────────┴───────────────┘',
        ' Total params: 34,826 (136.04 KB)',
        ' Trainable params: 34,826 (136.04 KB)',
        ' Non-trainable params: 0 (0.00 B)',
      ].join('\n'),
    );
    model.dispose();
  });

  it('counts BatchNormalization moving statistics as non-trainable, as Keras', () => {
    const model = sequential([
      layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [10, 10, 1], name: 'conv2d' }),
      layers.batchNormalization({ name: 'batch_normalization' }),
      layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }),
    ], { name: 'sequential' });
    const text = model.summary({ print: false, lineLength: 76 });
    // Conv2D 3·3·1·8 + 8 = 80; BatchNormalization 4 · 8 = 32 (gamma, beta trainable; moving_mean,
    // moving_variance not): trainable 80 + 16 = 96 (384 B), non-trainable 16 (64 B).
    expect(text).toContain('│ batch_normalization             │ (None, 8, 8, 8)        │            32 │\n│ (BatchNormalization)');
    expect(text).toContain(' Total params: 112 (448.00 B)\n Trainable params: 96 (384.00 B)\n Non-trainable params: 16 (64.00 B)');
    model.dispose();
  });
});
