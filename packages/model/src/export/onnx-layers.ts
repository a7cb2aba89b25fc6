import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';
import type { Shape } from '../layers/shape.js';
import { absMaxQuantize } from '../quantize/abs-max-quantize.js';
import { onnxActivation } from './onnx-activations.js';
import type { OnnxGraphBuilder } from './onnx-graph.js';

/** Where a tensor of the graph stands: its Keras shape, and whether the graph holds it as NCHW. */
export interface OnnxValue {
  name: string;
  /** Keras's (channels-last) shape, batch first. */
  shape: Shape;
  /** True when the graph holds a rank-4 value as NCHW (after a convolution). */
  nchw: boolean;
  /** Set by Flatten of an NCHW value: the next Dense permutes its kernel rows from HWC to CHW order. */
  flattenedChw?: [number, number, number];
}

/** Converts one layer: adds its nodes, returns the value it produces. */
export type OnnxLayerConverter = (g: OnnxGraphBuilder, layer: Layer, input: OnnxValue) => Promise<OnnxValue>;

const converters = new Map<string, OnnxLayerConverter>();

/** Registers the converter of a Keras layer class (by its class name). */
export function registerOnnxLayer(className: string, converter: OnnxLayerConverter): void {
  converters.set(className, converter);
}

export function onnxConverter(layer: Layer): OnnxLayerConverter {
  const converter = converters.get(layer.className);
  if (!converter) {
    throw new InvalidArgumentError(
      `ONNX export does not support layer "${layer.name}" (${layer.className}); supported: ${[...converters.keys()].join(', ')}.`,
    );
  }
  return converter;
}

export function weightOf(layer: Layer, name: string): tf.Variable | undefined {
  return layer.weights.find((w) => w.name === name)?.variable;
}

export function activationName(layer: Layer): string {
  return (layer as unknown as { activation?: { name: string } }).activation?.name ?? 'linear';
}

/**
 * A kernel as the graph stores it, with `perChannelAxis` the axis of its output channels in
 * `dims`: int8 with DequantizeLinear when the layer is quantized (or the export asks for int8),
 * float16 + Cast, or float32. `values` are the float32 kernel already laid out as `dims`.
 */
export async function kernelInput(
  g: OnnxGraphBuilder,
  layer: Layer,
  kernel: tf.Tensor,
  spec: { dims: number[]; perChannelAxis: number },
): Promise<string> {
  const name = `${layer.name}_kernel`;
  const scaleVar = weightOf(layer, 'kernel_scale');
  if (layer.quantizationMode === 'int8' && scaleVar) {
    const scale = Float32Array.from(await scaleVar.data(), (s) => 1 / s);
    return g.int8Weight(name, Int8Array.from(await kernel.data()), spec.dims, scale, spec.perChannelAxis);
  }
  const quantizable = layer.quantizableKernel();
  if (g.weights === 'int8' && quantizable) {
    const reduced = spec.dims.map((_, i) => i).filter((i) => i !== spec.perChannelAxis);
    const { values, scale } = absMaxQuantize(kernel, reduced);
    const q = Int8Array.from(await values.data());
    const s = Float32Array.from(await scale.data(), (v) => 1 / v);
    tf.dispose([values, scale]);
    return g.int8Weight(name, q, spec.dims, s, spec.perChannelAxis);
  }
  return g.floatWeight(name, Float32Array.from(await kernel.data()), spec.dims);
}

/** Dense: Gemm on 2-D inputs, MatMul + Add otherwise; the kernel rows follow a preceding CHW flatten. */
registerOnnxLayer('Dense', async (g, layer, input) => {
  const kernelVar = weightOf(layer, 'kernel')!;
  const [inDim, units] = kernelVar.shape as [number, number];
  const kernel = input.flattenedChw ? permuteHwcRows(kernelVar, input.flattenedChw) : kernelVar;
  const k = await kernelInput(g, layer, kernel, { dims: [inDim, units], perChannelAxis: 1 });
  if (kernel !== kernelVar) kernel.dispose();
  const biasVar = weightOf(layer, 'bias');
  const bias = biasVar ? g.floatWeight(`${layer.name}_bias`, Float32Array.from(await biasVar.data()), [units]) : undefined;
  let y: string;
  if (input.shape.length === 2) y = g.node('Gemm', bias ? [input.name, k, bias] : [input.name, k], [], layer.name);
  else {
    y = g.node('MatMul', [input.name, k], [], `${layer.name}_matmul`);
    if (bias) y = g.node('Add', [y, bias], [], `${layer.name}_bias_add`);
  }
  const out = onnxActivation(g, activationName(layer), y, layer.name, `layer "${layer.name}"`);
  return { name: out, shape: layer.outputShape!, nchw: false };
});

/** The kernel with its rows reordered so that it reads a CHW-flattened input as Keras reads HWC. */
function permuteHwcRows(kernel: tf.Tensor, [h, w, c]: [number, number, number]): tf.Tensor {
  return tf.tidy(() => {
    const units = kernel.shape[1]!;
    return tf.reshape(tf.transpose(tf.reshape(kernel, [h, w, c, units]), [2, 0, 1, 3]), [h * w * c, units]);
  });
}

registerOnnxLayer('Flatten', async (g, layer, input) => {
  const out = g.node('Flatten', [input.name], [{ name: 'axis', int: 1 }], layer.name);
  const s = input.shape;
  const flattenedChw = input.nchw && s.length === 4 ? ([s[1], s[2], s[3]] as [number, number, number]) : undefined;
  return { name: out, shape: layer.outputShape!, nchw: false, ...(flattenedChw ? { flattenedChw } : {}) };
});

/** Dropout and SpatialDropout2D are the identity at inference: removed. */
registerOnnxLayer('Dropout', async (_g, _layer, input) => ({ ...input }));
registerOnnxLayer('SpatialDropout2D', async (_g, _layer, input) => ({ ...input }));

registerOnnxLayer('Activation', async (g, layer, input) => ({
  ...input,
  name: onnxActivation(g, activationName(layer), input.name, layer.name, `layer "${layer.name}"`),
}));
