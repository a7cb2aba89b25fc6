import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { argmaxRows, trainedMlp, type TrainedMlp } from '../../test/trained-mlp.js';
import { Layer } from '../layers/layer.js';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { sequential } from '../sequential-factory.js';
import { ProtobufWriter } from './protobuf-writer.js';
import { toOnnx } from './to-onnx.js';

beforeAll(() => activate('cpu'));

/** Runs ONNX bytes in onnxruntime-node (CPU) on `x`, returning the single output. */
async function runOnnx(bytes: Uint8Array, inputName: string, x: tf.Tensor): Promise<tf.Tensor> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  const feed = { [inputName]: new ort.Tensor('float32', (await x.data()) as Float32Array, x.shape) };
  const result = await session.run(feed);
  const out = result.output_0!;
  await session.release();
  return tf.tensor(out.data as Float32Array, out.dims as number[]);
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const v = (await d.data())[0]!;
  d.dispose();
  return v;
}

function copyOf(model: Sequential): Sequential {
  const copy = Sequential.fromConfig(model.getConfig());
  copy.setWeights(model.getWeights());
  return copy;
}

describe('protobuf writer', () => {
  it('encodes varints, negative int64, floats and nested messages as the wire format says', () => {
    // field 1 varint 150 → 08 96 01; field 2 int64 -1 → 10 + ten bytes ff..01; field 3 float 1 → 1d 00 00 80 3f;
    // field 4 message { field 1 = 1 } → 22 02 08 01.
    const bytes = new ProtobufWriter().int(1, 150).int(2, -1).float(3, 1).message(4, (m) => m.int(1, 1)).finish();
    expect(Array.from(bytes)).toEqual([0x08, 0x96, 0x01, 0x10, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 0x1d, 0, 0, 0x80, 0x3f, 0x22, 2, 8, 1]);
  });
});

describe('ONNX export of the trained lecture MLP, run by onnxruntime-node', () => {
  let mlp: TrainedMlp;
  let floatPred: tf.Tensor;
  beforeAll(async () => {
    mlp = await trainedMlp();
    floatPred = await mlp.model.predict(mlp.xTest, { batchSize: 1000 });
  }, 120_000);
  afterAll(() => {
    floatPred.dispose();
    mlp.dispose();
  });

  it('float32: outputs equal predict within 1e-5 on the 10,000 test digits; the same bytes every time', async () => {
    const bytes = await toOnnx(mlp.model);
    expect(await toOnnx(mlp.model)).toEqual(bytes);
    const inputName = mlp.model.inputLayer!.name;
    const out = await runOnnx(bytes, inputName, mlp.xTest);
    expect(out.shape).toEqual([10000, 10]);
    expect(await maxAbsDiff(out, floatPred)).toBeLessThanOrEqual(1e-5);
    expect(bytes.length).toBeGreaterThan(406_000);
    out.dispose();
  });

  it('int8 (QDQ, per channel): ≤ 105 KB, the same class as the int8 model on ≥ 99.9 % of digits', async () => {
    const bytes = await toOnnx(mlp.model, { weights: 'int8' });
    expect(bytes.length).toBeLessThanOrEqual(105 * 1024);
    const quantized = copyOf(mlp.model);
    quantized.quantize('int8');
    const [fromFloat, fromQuantized] = [bytes, await toOnnx(quantized)];
    expect(fromQuantized).toEqual(fromFloat);
    const out = await runOnnx(bytes, mlp.model.inputLayer!.name, mlp.xTest);
    const intPred = await quantized.predict(mlp.xTest, { batchSize: 1000 });
    const [a, b] = [await argmaxRows(out), await argmaxRows(intPred)];
    const same = a.filter((c, i) => c === b[i]).length / a.length;
    expect(same).toBeGreaterThanOrEqual(0.999);
    tf.dispose([out, intPred]);
    quantized.dispose();
  }, 60_000);

  it('float16 (fp16 initializers + Cast): equals the float16-quantized model within 1e-5; opset 23 runs too', async () => {
    const half = copyOf(mlp.model);
    half.quantize('float16');
    const bytes = await toOnnx(mlp.model, { weights: 'float16', opset: 23 });
    expect(bytes.length).toBeLessThan(210_000);
    const out = await runOnnx(bytes, mlp.model.inputLayer!.name, mlp.xTest);
    const pred = await half.predict(mlp.xTest, { batchSize: 1000 });
    expect(await maxAbsDiff(out, pred)).toBeLessThanOrEqual(1e-5);
    tf.dispose([out, pred]);
    half.dispose();
  }, 60_000);
});

describe('ONNX export: layers and errors', () => {
  it("the lecture model (Flatten → Dense 10 softmax): float32 within 1e-5, int8 and float16 graphs run", async () => {
    const model = sequential([layers.flatten({ inputShape: [28, 28], name: 'flatten' }), layers.dense({ units: 10, activation: 'softmax', name: 'dense' })]);
    const x = tf.randomUniform([64, 28, 28], 0, 1, 'float32', 3);
    const pred = await model.predict(x);
    const out = await runOnnx(await toOnnx(model), model.inputLayer!.name, x);
    expect(await maxAbsDiff(out, pred)).toBeLessThanOrEqual(1e-5);
    for (const weights of ['int8', 'float16'] as const) {
      const q = await runOnnx(await toOnnx(model, { weights }), model.inputLayer!.name, x);
      expect(await maxAbsDiff(q, pred)).toBeLessThan(0.02);
      q.dispose();
    }
    tf.dispose([x, pred, out]);
    model.dispose();
  });

  it('runs every activation Keras names (Activation layers, rank-3 Dense via MatMul + Add)', async () => {
    const names = ['relu', 'relu6', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'leaky_relu', 'hard_sigmoid', 'silu', 'gelu', 'exponential', 'log_softmax', 'softmax'];
    const model = sequential([
      layers.dense({ inputShape: [3, 4], units: 5, name: 'd3' }),
      ...names.map((a) => layers.activation({ activation: a, name: `act_${a}` })),
      layers.flatten({ name: 'f' }),
      layers.dense({ units: 2, activation: 'tanh', name: 'out' }),
    ]);
    const x = tf.randomNormal([7, 3, 4], 0, 1, 'float32', 5);
    const out = await runOnnx(await toOnnx(model), model.inputLayer!.name, x);
    const pred = await model.predict(x);
    expect(await maxAbsDiff(out, pred)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, out, pred]);
    model.dispose();
  });

  it('names an unsupported layer, an unbuilt model and a bad opset', async () => {
    class Cube extends Layer {
      static override readonly className = 'Cube';
      call(x: tf.Tensor) {
        return tf.pow(x, 3);
      }
    }
    const model = sequential([layers.dense({ inputShape: [2], units: 2 }), new Cube({ name: 'cube' })]);
    await expect(toOnnx(model)).rejects.toThrow(/ONNX export does not support layer "cube" \(Cube\); supported: Dense, Flatten/);
    await expect(toOnnx(sequential([layers.dense({ units: 2 })]))).rejects.toThrow(/must be built before export/);
    await expect(toOnnx(model, { opset: 9 })).rejects.toThrow(/`opset` of the ONNX export: expected an integer from 13 to 23, received 9/);
    model.dispose();
  });
});
