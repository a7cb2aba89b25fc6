import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';
import type { Shape } from '../layers/shape.js';
import { onnxActivation } from './onnx-activations.js';
import type { OnnxGraphBuilder } from './onnx-graph.js';
import { activationName, kernelInput, registerOnnxLayer, weightOf, type OnnxLayerConverter, type OnnxValue } from './onnx-layers.js';
import { toKerasLayout, toNchw } from './onnx-layout.js';

// Convolution layers, read through Keras's config keys and weight layout (Conv2D kernel
// [kh, kw, in, out]), so any layer class with Keras's names converts. The graph keeps the
// model's NHWC input and works in NCHW from the first convolution on.

type Pair = [number, number];

function pair(value: unknown, fallback: Pair): Pair {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1])];
  if (typeof value === 'number') return [value, value];
  return fallback;
}

/** TensorFlow's SAME padding (the odd pixel after), as ONNX pads `[top, left, bottom, right]`. */
function pads(padding: unknown, input: Pair, kernel: Pair, strides: Pair, dilation: Pair = [1, 1]): number[] {
  if (padding !== 'same') return [0, 0, 0, 0];
  const total = [0, 1].map((i) => {
    const out = Math.ceil(input[i]! / strides[i]!);
    return Math.max((out - 1) * strides[i]! + (kernel[i]! - 1) * dilation[i]! + 1 - input[i]!, 0);
  });
  const before = total.map((t) => Math.floor(t / 2));
  return [before[0]!, before[1]!, total[0]! - before[0]!, total[1]! - before[1]!];
}

function spatial(shape: Shape): Pair {
  return [shape[1] as number, shape[2] as number];
}

function pool(op: 'MaxPool' | 'AveragePool') {
  return async (g: OnnxGraphBuilder, layer: Layer, input: OnnxValue): Promise<OnnxValue> => {
    const config = layer.getConfig();
    const x = toNchw(g, input, layer.name);
    const size = pair(config.pool_size, [2, 2]);
    const strides = pair(config.strides ?? config.pool_size, size);
    const y = g.node(op, [x.name], [
      { name: 'kernel_shape', ints: size },
      { name: 'strides', ints: strides },
      { name: 'pads', ints: pads(config.padding, spatial(input.shape), size, strides) },
    ], layer.name);
    return { name: y, shape: layer.outputShape!, nchw: true };
  };
}

function globalPool(op: 'GlobalMaxPool' | 'GlobalAveragePool') {
  return async (g: OnnxGraphBuilder, layer: Layer, input: OnnxValue): Promise<OnnxValue> => {
    const x = toNchw(g, input, layer.name);
    const y = g.node(op, [x.name], [], layer.name);
    if (layer.getConfig().keepdims === true) return { name: y, shape: layer.outputShape!, nchw: true };
    return { name: g.node('Flatten', [y], [{ name: 'axis', int: 1 }], `${layer.name}_flatten`), shape: layer.outputShape!, nchw: false };
  };
}

const conv2DConverter: OnnxLayerConverter = async (g, layer, input) => {
  const config = layer.getConfig();
  const x = toNchw(g, input, layer.name);
  const kernelVar = weightOf(layer, 'kernel')!;
  const [kh, kw, cin, cout] = kernelVar.shape as [number, number, number, number];
  const oihw = tf.transpose(kernelVar, [3, 2, 0, 1]);
  const k = await kernelInput(g, layer, oihw, { dims: [cout, cin, kh, kw], perChannelAxis: 0 });
  oihw.dispose();
  const biasVar = weightOf(layer, 'bias');
  const inputs = [x.name, k];
  if (biasVar) inputs.push(g.floatWeight(`${layer.name}_bias`, Float32Array.from(await biasVar.data()), [cout]));
  const strides = pair(config.strides, [1, 1]);
  const dilation = pair(config.dilation_rate, [1, 1]);
  const y = g.node('Conv', inputs, [
    { name: 'kernel_shape', ints: [kh, kw] },
    { name: 'strides', ints: strides },
    { name: 'dilations', ints: dilation },
    { name: 'pads', ints: pads(config.padding, spatial(input.shape), [kh, kw], strides, dilation) },
    { name: 'group', int: Number(config.groups ?? 1) },
  ], layer.name);
  const activation = activationName(layer);
  // Softmax runs over Keras's last axis, the channels: in NHWC.
  const out: OnnxValue = activation.endsWith('softmax') ? toKerasLayout(g, { name: y, shape: layer.outputShape!, nchw: true }, layer.name) : { name: y, shape: layer.outputShape!, nchw: true };
  return { ...out, name: onnxActivation(g, activation, out.name, layer.name, `layer "${layer.name}"`) };
};

/** Keras's Reshape on the channels-last value: `[batch, ...target_shape]`. */
const reshapeConverter: OnnxLayerConverter = async (g, layer, input) => {
  const x = toKerasLayout(g, input, layer.name);
  const target = (layer.getConfig().target_shape as number[]).map(Number);
  const y = g.node('Reshape', [x.name, g.int64Constant(`${layer.name}_shape`, [0, ...target])], [], layer.name);
  return { name: y, shape: layer.outputShape!, nchw: false };
};

/**
 * BatchNormalization on the channel axis (Keras's ε, 1e-3 by default): ONNX's
 * BatchNormalization on NCHW or [N, C] values, where it could not be folded into the layer before
 * (`foldBatchNormalization`: that layer has an activation, or int8 weights).
 */
const batchNormalizationConverter: OnnxLayerConverter = async (g, layer, input) => {
  const config = layer.getConfig();
  const rank = input.shape.length;
  if (![-1, rank - 1].includes(Number(config.axis ?? -1))) {
    throw new InvalidArgumentError(
      `ONNX export supports BatchNormalization on the last (channel) axis only; layer "${layer.name}" normalizes axis ${String(config.axis)} of rank-${rank} inputs.`,
    );
  }
  const x = rank === 4 ? toNchw(g, input, layer.name) : input;
  const channels = input.shape[input.shape.length - 1] as number;
  const values = async (name: string, fill: number) => {
    const v = weightOf(layer, name);
    return v ? Float32Array.from(await v.data()) : new Float32Array(channels).fill(fill);
  };
  const inputs = [x.name];
  for (const [name, fill] of [['gamma', 1], ['beta', 0], ['moving_mean', 0], ['moving_variance', 1]] as const) {
    inputs.push(g.floatWeight(`${layer.name}_${name}`, await values(name, fill), [channels]));
  }
  const y = g.node('BatchNormalization', inputs, [{ name: 'epsilon', float: Number(config.epsilon ?? 1e-3) }], layer.name);
  return { name: y, shape: layer.outputShape!, nchw: x.nchw };
};

let registered = false;

/**
 * Adds the convolution converters to the ONNX layer table. Called by `toOnnx`, not run on import:
 * the package is `sideEffects: false`, so a bundler may drop an import kept only for its effect.
 */
export function registerConvolutionOnnxLayers(): void {
  if (registered) return;
  registered = true;
  registerOnnxLayer('Conv2D', conv2DConverter);
  registerOnnxLayer('MaxPooling2D', pool('MaxPool'));
  registerOnnxLayer('AveragePooling2D', pool('AveragePool'));
  registerOnnxLayer('GlobalMaxPooling2D', globalPool('GlobalMaxPool'));
  registerOnnxLayer('GlobalAveragePooling2D', globalPool('GlobalAveragePool'));
  registerOnnxLayer('Reshape', reshapeConverter);
  registerOnnxLayer('BatchNormalization', batchNormalizationConverter);
}
