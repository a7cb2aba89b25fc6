import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { Functional } from '../graph/functional.js';
import { input } from '../graph/input.js';
import { model } from '../graph/model-factory.js';
import { sequential } from '../sequential-factory.js';
import { toOnnx } from '../export/to-onnx.js';

beforeAll(() => activate('cpu'));

/** Two branches over one image, one through a nested Sequential, merged into one Dense. */
function twoBranches(): Functional {
  const image = input({ shape: [6, 6, 2], name: 'image' });
  const features = layers.flatten({ name: 'flat' }).apply(layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', name: 'conv' }).apply(image));
  const a = layers.dense({ units: 4, activation: 'relu', name: 'a' }).apply(features);
  const nested = sequential([layers.dense({ inputShape: [48], units: 4, name: 'b' })], { name: 'inner' });
  const b = nested.apply(features);
  const out = layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(layers.concatenate({ name: 'cat' }).apply([a, b]));
  return model({ inputs: image, outputs: out, name: 'branches' });
}

describe("quantize on a Functional model", () => {
  it("int8 quantizes every Dense and Conv2D (nested ones too), predicts close to float32, refuses training, round-trips its config", async () => {
    const m = twoBranches();
    const x = tf.randomUniform([5, 6, 6, 2], 0, 1, 'float32', 1);
    const before = (await m.predict(x)) as tf.Tensor;
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    expect(m.quantize('int8')).toEqual(['conv', 'a', 'b', 'out']);
    const after = (await m.predict(x)) as tf.Tensor;
    const diff = tf.max(tf.abs(tf.sub(before, after)));
    expect((await diff.data())[0]).toBeLessThan(0.02);
    await expect(m.fit(x, tf.tensor1d([0, 1, 2, 0, 1], 'int32'), { verbose: 0 })).rejects.toThrow(/Functional "branches" is quantized \(layer "conv" holds int8 weights\)/);
    const again = Functional.fromConfig(m.getConfig({ style: 'keras3' }));
    again.setWeights(m.getWeights());
    const p = (await again.predict(x)) as tf.Tensor;
    expect(Array.from(await p.data())).toEqual(Array.from(await after.data()));
    tf.dispose([x, before, after, diff, p]);
    again.dispose();
    m.dispose();
  });

  it('refuses quantizing twice, naming the layer; ONNX export names the Functional model it does not convert', async () => {
    const m = twoBranches();
    await expect(toOnnx(m)).rejects.toThrow(/ONNX export takes a Sequential model; "branches" is a Functional/);
    m.quantize('float16');
    expect(() => m.quantize('int8')).toThrow(/Layer "conv" \(Conv2D\) is already quantized \(float16\)/);
    m.dispose();
  });
});
