import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { Sequential } from '../sequential.js';
import { Functional } from './functional.js';
import { input } from './input.js';
import { model } from './model-factory.js';

beforeAll(() => activate('cpu'));

/** Two inputs, a shared trunk, two heads: the acceptance's two-input, two-output model. */
function twoByTwo() {
  const a = input({ shape: [4], name: 'in_a' });
  const b = input({ shape: [3], name: 'in_b' });
  const joined = layers.concatenate({ name: 'joined' }).apply([a, b]);
  const hidden = layers.dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(joined);
  const out1 = layers.dense({ units: 3, activation: 'softmax', name: 'output_1' }).apply(hidden);
  const out2 = layers.dense({ units: 1, name: 'output_2' }).apply(hidden);
  return model({ inputs: [a, b], outputs: [out1, out2], name: 'two_by_two' });
}

describe('Functional', () => {
  it('a chain predicts what its layers compute and trains through the shared loop', async () => {
    tf.setBackend('cpu');
    const x = input({ shape: [5], name: 'x' });
    const d1 = layers.dense({ units: 4, activation: 'relu', name: 'chain_d1' });
    const d2 = layers.dense({ units: 3, activation: 'softmax', name: 'chain_d2' });
    const m = model({ inputs: x, outputs: d2.apply(d1.apply(x)) });
    expect(m.layers.map((l) => l.className)).toEqual(['InputLayer', 'Dense', 'Dense']);
    expect(m.sequentialLike).toBe(true);
    const xs = tf.randomNormal([20, 5], 0, 1, 'float32', 1);
    const ys = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1], 'float32');
    const direct = tf.tidy(() => d2.apply(d1.apply(xs)));
    const predicted = (await m.predict(xs)) as tf.Tensor;
    expect(Array.from(await predicted.data())).toEqual(Array.from(await direct.data()));
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await m.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 }); // builds the optimizer's slots
    const before = tf.memory().numTensors;
    const history = await m.fit(xs, ys, { epochs: 5, batchSize: 4, verbose: 0 });
    const evaluated = await m.evaluate(xs, ys, { verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(history.history.loss!.length).toBe(5);
    expect(history.history.loss![4]!).toBeLessThan(history.history.loss![0]!);
    expect(Object.keys(evaluated)).toEqual(['accuracy', 'loss']);
    tf.dispose([xs, ys, direct, predicted]);
  });

  it('trains a two-input, two-output model with per-output losses and logs Keras names', async () => {
    const m = twoByTwo();
    m.compile({
      optimizer: 'adam',
      loss: { output_1: 'sparse_categorical_crossentropy', output_2: 'mse' },
      metrics: { output_1: ['accuracy'], output_2: ['mae'] },
      lossWeights: [1, 0.5],
    });
    expect(m.metricNames).toEqual(['loss', 'output_1_loss', 'output_2_loss', 'output_1_accuracy', 'output_2_mae']);
    const xa = tf.randomNormal([32, 4], 0, 1, 'float32', 2);
    const xb = tf.randomNormal([32, 3], 0, 1, 'float32', 3);
    const y1 = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), 'float32');
    const y2 = tf.randomNormal([32, 1], 0, 1, 'float32', 4);
    await m.fit([xa, xb], [y1, y2], { epochs: 1, batchSize: 8, verbose: 0 }); // builds the optimizer
    const before = tf.memory().numTensors;
    const history = await m.fit({ in_a: xa, in_b: xb }, { output_1: y1, output_2: y2 }, { epochs: 8, batchSize: 8, verbose: 0 });
    const logs = await m.evaluate([xa, xb], [y1, y2]);
    expect(tf.memory().numTensors).toBe(before);
    // Keras 3 sorts an epoch's logs by name (pythonify_logs).
    expect(Object.keys(history.history)).toEqual(['loss', 'output_1_accuracy', 'output_1_loss', 'output_2_loss', 'output_2_mae']);
    expect(Object.keys(logs)).toEqual(['loss', 'output_1_accuracy', 'output_1_loss', 'output_2_loss', 'output_2_mae']);
    const loss = history.history.loss!;
    expect(loss[7]!).toBeLessThan(loss[0]!);
    // The total is the weighted sum of the per-output losses (1 × output_1 + 0.5 × output_2).
    expect(logs.loss!).toBeCloseTo(logs.output_1_loss! + 0.5 * logs.output_2_loss!, 5);
    const [p1, p2] = (await m.predict([xa, xb])) as tf.Tensor[];
    expect(p1!.shape).toEqual([32, 3]);
    expect(p2!.shape).toEqual([32, 1]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([xa, xb, y1, y2, p1!, p2!]);
  });

  it("prints Keras 3's summary with the \"Connected to\" column for a graph with branches", () => {
    const text = twoByTwo().summary({ print: false, lineLength: 108 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: "two_by_two"');
    expect(lines[2]).toMatch(/┃ Layer \(type\)\s+┃ Output Shape\s+┃\s+Param # ┃ Connected to\s+┃/);
    expect(lines[1]!.length).toBe(108);
    expect(text).toMatch(/│ joined \(Concatenate\)\s+│ \(None, 7\)\s+│\s+0 │ in_a\[0\]\[0\], in_b\[0\]\[0\]\s+│/);
    expect(text).toMatch(/│ output_2 \(Dense\)\s+│ \(None, 1\)\s+│\s+9 │ hidden\[0\]\[0\]\s+│/);
    expect(text).toMatch(/│ in_a \(InputLayer\)\s+│ \(None, 4\)\s+│\s+0 │ -\s+│/);
    // 7*8+8 + 8*3+3 + 8*1+1 = 64 + 27 + 9
    expect(text).toContain(' Total params: 100 (400.00 B)');
  });

  it('round-trips Keras 2 and Keras 3 configs, predicting the same', async () => {
    const m = twoByTwo();
    const k2 = m.getConfig();
    const hidden = (k2.layers as Array<Record<string, unknown>>).find((l) => l.name === 'hidden')!;
    expect(hidden.inbound_nodes).toEqual([[['joined', 0, 0, {}]]]);
    expect(k2.input_layers).toEqual([['in_a', 0, 0], ['in_b', 0, 0]]);
    const k3 = m.getConfig({ style: 'keras3' });
    const joined = (k3.layers as Array<Record<string, unknown>>).find((l) => l.name === 'joined')!;
    expect(joined.inbound_nodes).toEqual([{
      args: [[
        { class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: ['in_a', 0, 0] } },
        { class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: ['in_b', 0, 0] } },
      ]],
      kwargs: {},
    }]);
    const xa = tf.randomNormal([6, 4], 0, 1, 'float32', 5);
    const xb = tf.randomNormal([6, 3], 0, 1, 'float32', 6);
    const want = (await m.predict([xa, xb])) as tf.Tensor[];
    for (const config of [structuredClone(k2), structuredClone(k3)]) {
      const names = { ...config, layers: (config.layers as Array<Record<string, unknown>>) };
      // Fresh layer names would clash with the live ones only in name; the graph is rebuilt from the config.
      const again = Functional.fromConfig(names);
      again.setWeights(m.getWeights());
      const got = (await again.predict([xa, xb])) as tf.Tensor[];
      expect(Array.from(await got[1]!.data())).toEqual(Array.from(await want[1]!.data()));
      expect(again.getConfig()).toEqual(k2);
      tf.dispose(got);
    }
    tf.dispose([xa, xb, ...want]);
  });

  it('uses a Sequential as a layer', async () => {
    const inner = sequential([layers.dense({ units: 3, activation: 'relu', name: 'inner_d' })], { name: 'inner' });
    const x = input({ shape: [2], name: 'seq_in' });
    const y = layers.dense({ units: 1, name: 'seq_out' }).apply(inner.apply(x));
    const m = model({ inputs: x, outputs: y });
    expect(m.layers.map((l) => l.name)).toEqual(['seq_in', 'inner', 'seq_out']);
    expect(m.countParams()).toBe(2 * 3 + 3 + 3 + 1);
    const xs = tf.tensor2d([[1, 2], [3, 4]]);
    const got = (await m.predict(xs)) as tf.Tensor;
    const want = tf.tidy(() => (m.layers[2] as unknown as { apply(t: tf.Tensor): tf.Tensor }).apply(inner.apply(xs)));
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    const entry = (m.getConfig().layers as Array<Record<string, unknown>>)[1]!;
    expect(entry.class_name).toBe('Sequential');
    expect(entry.inbound_nodes).toEqual([[['seq_in', 0, 0, {}]]]);
    tf.dispose([xs, got, want]);
  });

  it('refuses a disconnected input, a cycle, a missing layer and mismatched merge shapes with clear errors', () => {
    const a = input({ shape: [4], name: 'dis_a' });
    const b = input({ shape: [4], name: 'dis_b' });
    const sum = layers.add({ name: 'dis_sum' }).apply([a, b]);
    expect(() => model({ inputs: [a], outputs: sum, name: 'dis' })).toThrow(/graph disconnected: output "dis_sum" needs input "dis_b", which is not among the model's inputs \[dis_a\]/);
    const c = input({ shape: [5], name: 'dis_c' });
    expect(() => layers.add({ name: 'bad_sum' }).apply([a, c])).toThrow(/"bad_sum" \(Add\) have incompatible shapes: \(None, 4\), \(None, 5\)/);
    const dense = (name: string, from: string) => ({ class_name: 'Dense', config: { name, units: 2 }, name, inbound_nodes: [[[from, 0, 0, {}]]] });
    const inputEntry = { class_name: 'InputLayer', config: { batch_input_shape: [null, 2], name: 'cyc_in' }, name: 'cyc_in', inbound_nodes: [] };
    const cyclic = { name: 'cyc', layers: [inputEntry, dense('cyc_a', 'cyc_b'), dense('cyc_b', 'cyc_a')], input_layers: [['cyc_in', 0, 0]], output_layers: [['cyc_b', 0, 0]] };
    expect(() => Functional.fromConfig(cyclic)).toThrow(/cycle: layers \[cyc_a, cyc_b\]/);
    const missing = { name: 'mis', layers: [{ ...inputEntry, config: { batch_input_shape: [null, 2], name: 'mis_in' }, name: 'mis_in' }, dense('mis_a', 'nowhere')], input_layers: [['mis_in', 0, 0]], output_layers: [['mis_a', 0, 0]] };
    expect(() => Functional.fromConfig(missing)).toThrow(/layer "mis_a" takes its input from layer "nowhere", which the config does not define/);
  });

  it('a config refused after some layers were built leaves no variables behind (Functional and Sequential)', () => {
    const before = tf.memory().numTensors;
    const node = (name: string, units: number, from: string) => ({ class_name: 'Dense', config: { name, units }, name, inbound_nodes: [[[from, 0, 0, {}]]] });
    const entry = { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], name: 'lk_in' }, name: 'lk_in', inbound_nodes: [] };
    // lk_a and lk_b are built (kernels made), then the Add finds shapes 4 and 5.
    const addNode = { class_name: 'Add', config: { name: 'lk_add' }, name: 'lk_add', inbound_nodes: [[['lk_a', 0, 0, {}], ['lk_b', 0, 0, {}]]] };
    const bad = { name: 'lk', layers: [entry, node('lk_a', 4, 'lk_in'), node('lk_b', 5, 'lk_in'), addNode], input_layers: [['lk_in', 0, 0]], output_layers: [['lk_add', 0, 0]] };
    expect(() => Functional.fromConfig(bad)).toThrow(/incompatible shapes/);
    // The output names a node the config never produces: refused after every layer was built.
    const unproduced = { ...bad, layers: [entry, node('lk_a', 4, 'lk_in')], output_layers: [['lk_a', 3, 0]] };
    expect(() => Functional.fromConfig(unproduced)).toThrow(/output_layers names layer "lk_a" \(node 3\)/);
    // A Sequential whose third layer cannot take the second's output (Flatten on a rank-2 input is fine; Conv2D is not).
    const seq = { name: 'lk_seq', layers: [
      { class_name: 'Dense', config: { name: 'sq_a', units: 4, batch_input_shape: [null, 3] } },
      { class_name: 'Dense', config: { name: 'sq_b', units: 4 } },
      { class_name: 'Conv2D', config: { name: 'sq_c', filters: 2, kernel_size: [3, 3] } },
    ] };
    expect(() => Sequential.fromConfig(seq)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});

