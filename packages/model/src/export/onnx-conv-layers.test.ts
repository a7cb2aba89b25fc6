import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { GlorotUniform } from '../initializers/variance-scaling.js';
import { Layer } from '../layers/layer.js';
import { layers } from '../layers/index.js';
import type { Shape } from '../layers/shape.js';
import { sequential } from '../sequential-factory.js';
import { toOnnx } from './to-onnx.js';

// Stand-ins with Keras's class names, config keys and weight layout (kernel [kh, kw, in, out]),
// computed with tfjs's NHWC ops: the converters read only those, so the Conv2D and pooling
// layers convert the same way once the library has them.

class KerasConv2D extends Layer {
  static override readonly className = 'Conv2D';
  constructor(private readonly c: { filters: number; kernel: number; strides: number; padding: 'valid' | 'same'; name: string; linear?: boolean }) {
    super({ name: c.name });
  }
  override build(inputShape: Shape): void {
    this.addWeight({ name: 'kernel', shape: [this.c.kernel, this.c.kernel, inputShape[3] as number, this.c.filters], initializer: new GlorotUniform({ seed: 3 }) });
    this.addWeight({ name: 'bias', shape: [this.c.filters], initializer: new GlorotUniform({ seed: 4 }) });
    super.build(inputShape);
  }
  override computeOutputShape(s: Shape): Shape {
    const out = (n: number) => (this.c.padding === 'same' ? Math.ceil(n / this.c.strides) : Math.floor((n - this.c.kernel) / this.c.strides) + 1);
    return [s[0]!, out(s[1] as number), out(s[2] as number), this.c.filters];
  }
  call(x: tf.Tensor): tf.Tensor {
    const y = tf.add(tf.conv2d(x as tf.Tensor4D, this.weights[0]!.variable as tf.Tensor4D, this.c.strides, this.c.padding), this.weights[1]!.variable);
    return this.c.linear ? y : tf.relu(y);
  }
  override getConfig(): Record<string, unknown> {
    const { filters, kernel, strides, padding } = this.c;
    return { ...super.getConfig(), filters, kernel_size: [kernel, kernel], strides: [strides, strides], padding, data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: this.activation.name, use_bias: true };
  }
  get activation() {
    return { name: this.c.linear ? 'linear' : 'relu' };
  }
}

class KerasPool extends Layer {
  constructor(private readonly kind: 'MaxPooling2D' | 'AveragePooling2D', private readonly padding: 'valid' | 'same', name: string) {
    super({ name });
  }
  override get className(): string {
    return this.kind;
  }
  override computeOutputShape(s: Shape): Shape {
    const out = (n: number) => (this.padding === 'same' ? Math.ceil(n / 2) : Math.floor(n / 2));
    return [s[0]!, out(s[1] as number), out(s[2] as number), s[3]!];
  }
  call(x: tf.Tensor): tf.Tensor {
    return this.kind === 'MaxPooling2D' ? tf.maxPool(x as tf.Tensor4D, 2, 2, this.padding) : tf.avgPool(x as tf.Tensor4D, 2, 2, this.padding);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), pool_size: [2, 2], strides: [2, 2], padding: this.padding, data_format: 'channels_last' };
  }
}

class KerasGlobalAverage extends Layer {
  static override readonly className = 'GlobalAveragePooling2D';
  override computeOutputShape(s: Shape): Shape {
    return [s[0]!, s[3]!];
  }
  call(x: tf.Tensor): tf.Tensor {
    return tf.mean(x, [1, 2]);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: 'channels_last', keepdims: false };
  }
}

/** Keras's BatchNormalization at inference: `(x - moving_mean) / sqrt(moving_variance + 1e-3) * gamma + beta`. */
class KerasBatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  override build(inputShape: Shape): void {
    const c = inputShape.at(-1) as number;
    for (const [name, seed] of [['gamma', 1], ['beta', 2], ['moving_mean', 3], ['moving_variance', 4]] as const) {
      this.addWeight({ name, shape: [c], initializer: new GlorotUniform({ seed }) });
    }
    this.weights[3]!.variable.assign(tf.abs(this.weights[3]!.variable)); // a variance is not negative
    super.build(inputShape);
  }
  call(x: tf.Tensor): tf.Tensor {
    const [gamma, beta, mean, variance] = this.weights.map((w) => w.variable);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean!), tf.sqrt(tf.add(variance!, 1e-3))), gamma!), beta!);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true };
  }
}

async function runOnnx(bytes: Uint8Array, inputName: string, x: tf.Tensor): Promise<tf.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  const out = (await session.run({ [inputName]: new ort.Tensor('float32', (await x.data()) as Float32Array, x.shape) })).output_0!;
  await session.release();
  return tf.tensor(out.data as Float32Array, out.dims as number[]);
}

beforeAll(() => activate('cpu'));

describe('ONNX export of convolution layers (Keras class names and layouts)', () => {
  it('Conv2D (same and valid, strided), pooling, Flatten → Dense (rows permuted HWC → CHW): onnxruntime equals predict', async () => {
    const model = sequential([
      layers.input({ shape: [12, 12, 3], name: 'image' }),
      new KerasConv2D({ filters: 4, kernel: 3, strides: 1, padding: 'same', name: 'conv' }),
      new KerasPool('MaxPooling2D', 'valid', 'pool'),
      new KerasConv2D({ filters: 5, kernel: 3, strides: 2, padding: 'same', name: 'conv_1' }),
      new KerasPool('AveragePooling2D', 'same', 'avg'),
      layers.flatten({ name: 'flatten' }),
      layers.dense({ units: 6, activation: 'softmax', name: 'dense' }),
    ]);
    const x = tf.randomUniform([3, 12, 12, 3], 0, 1, 'float32', 9);
    const pred = await model.predict(x);
    for (const weights of ['float32', 'int8'] as const) {
      const out = await runOnnx(await toOnnx(model, { weights }), 'image', x);
      const diff = tf.max(tf.abs(tf.sub(out, pred)));
      expect((await diff.data())[0]).toBeLessThanOrEqual(weights === 'float32' ? 1e-5 : 0.02);
      tf.dispose([out, diff]);
    }
    tf.dispose([x, pred]);
    model.dispose();
  });

  it("the library's own Conv2D, SpatialDropout2D (removed) and MaxPooling2D: onnxruntime equals predict", async () => {
    const model = sequential([
      layers.input({ shape: [10, 10, 2], name: 'image' }),
      layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', name: 'conv' }),
      layers.spatialDropout2d({ rate: 0.5, name: 'spatial' }),
      layers.maxPooling2d({ name: 'pool' }),
      layers.flatten({ name: 'flatten' }),
      layers.dense({ units: 3, activation: 'softmax', name: 'dense' }),
    ]);
    const bytes = await toOnnx(model);
    expect(new TextDecoder().decode(bytes)).not.toContain('spatial');
    const x = tf.randomUniform([2, 10, 10, 2], 0, 1, 'float32', 4);
    const [out, pred] = [await runOnnx(bytes, 'image', x), await model.predict(x)];
    const diff = tf.max(tf.abs(tf.sub(out, pred)));
    expect((await diff.data())[0]).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, out, pred, diff]);
    model.dispose();
  });

  it('one channel enters NCHW by a Reshape, and a global pool ends the convolutions', async () => {
    const model = sequential([
      layers.input({ shape: [8, 8, 1], name: 'digit' }),
      new KerasConv2D({ filters: 3, kernel: 3, strides: 1, padding: 'valid', name: 'c' }),
      new KerasGlobalAverage({ name: 'gap' }),
      layers.dense({ units: 2, name: 'd' }),
    ]);
    const bytes = await toOnnx(model);
    expect(new TextDecoder().decode(bytes)).toContain('Reshape');
    expect(new TextDecoder().decode(bytes)).not.toContain('Transpose');
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 2);
    const [out, pred] = [await runOnnx(bytes, 'digit', x), await model.predict(x)];
    const diff = tf.max(tf.abs(tf.sub(out, pred)));
    expect((await diff.data())[0]).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, out, pred, diff]);
    model.dispose();
  });

  it('BatchNormalization folds into a linear Conv2D or Dense (ε 1e-3), and stays a node after a relu', async () => {
    const model = sequential([
      layers.input({ shape: [6, 6, 2], name: 'x' }),
      new KerasConv2D({ filters: 3, kernel: 3, strides: 1, padding: 'same', name: 'conv', linear: true }),
      new KerasBatchNormalization({ name: 'bn' }),
      new KerasConv2D({ filters: 2, kernel: 3, strides: 1, padding: 'valid', name: 'conv_relu' }),
      new KerasBatchNormalization({ name: 'bn_1' }),
      layers.flatten({ name: 'f' }),
      layers.dense({ units: 4, name: 'd' }),
      new KerasBatchNormalization({ name: 'bn_2' }),
    ]);
    const bytes = await toOnnx(model);
    const text = new TextDecoder().decode(bytes);
    expect(text.match(/BatchNormalization/g)?.length).toBe(1); // only bn_1, after the relu
    const x = tf.randomUniform([2, 6, 6, 2], 0, 1, 'float32', 8);
    const [out, pred] = [await runOnnx(bytes, 'x', x), await model.predict(x)];
    const diff = tf.max(tf.abs(tf.sub(out, pred)));
    expect((await diff.data())[0]).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, out, pred, diff]);
    model.dispose();
  });
});
