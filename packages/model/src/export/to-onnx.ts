import { InvalidArgumentError, NeuralkitError } from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';
import type { Shape } from '../layers/shape.js';
import { encodeOnnxModel, OnnxType } from './onnx-proto.js';
import { OnnxGraphBuilder, type OnnxWeights } from './onnx-graph.js';
import { activationName, onnxConverter, type OnnxValue } from './onnx-layers.js';
import { layoutFor, toKerasLayout } from './onnx-layout.js';
import { registerConvolutionOnnxLayers } from './onnx-conv-layers.js';
import { foldBatchNormalization } from './fold-batch-normalization.js';

/** The opsets written: 13 (per-axis DequantizeLinear, Softmax on one axis) up to what onnxruntime 1.31 runs. */
export const ONNX_OPSETS = { default: 13, min: 13, max: 23 } as const;

/** The IR version that goes with an opset (onnx's versioning table). */
function irVersion(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}

export interface OnnxExportOptions {
  /** Opset of the default domain; 13 unless given. */
  opset?: number;
  /** How weights are stored: `'float32'` (default), `'float16'` (+ Cast), `'int8'` (QDQ, per channel). */
  weights?: OnnxWeights;
  /** Layers whose weights stay float32 whatever `weights` says (the accuracy guard's fallback). */
  float32Layers?: readonly string[];
  /** The producer version written in the model. */
  producerVersion?: string;
}

interface ExportableModel {
  readonly name: string;
  readonly className?: string;
  readonly layers: readonly Layer[];
  readonly built: boolean;
  readonly inputShape: Shape | undefined;
  readonly inputLayer?: { name: string } | undefined;
}

/**
 * The model as ONNX bytes: one graph input with the model's (channels-last) input shape and a
 * symbolic batch `N`, one output `output_0`. The same model and options give the same bytes.
 */
export async function toOnnx(model: ExportableModel, options: OnnxExportOptions = {}): Promise<Uint8Array> {
  registerConvolutionOnnxLayers();
  const opset = options.opset ?? ONNX_OPSETS.default;
  if (!Number.isInteger(opset) || opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max) {
    throw InvalidArgumentError.expected('`opset` of the ONNX export', `an integer from ${ONNX_OPSETS.min} to ${ONNX_OPSETS.max}`, opset);
  }
  if (!model.built || !model.inputShape) {
    throw new NeuralkitError(`Sequential "${model.name}" must be built before export: give the first layer an inputShape, or call build() or fit() first.`, 'NOT_BUILT');
  }
  if (model.className !== undefined && model.className !== 'Sequential') {
    throw new InvalidArgumentError(`ONNX export takes a Sequential model; "${model.name}" is a ${model.className} (its graph is not converted yet).`);
  }
  for (const layer of model.layers) onnxConverter(layer); // unsupported layers fail before any work
  const g = new OnnxGraphBuilder(options.weights ?? 'float32');
  const inputName = model.inputLayer?.name ?? 'input';
  g.reserve(inputName);
  let value: OnnxValue = { name: inputName, shape: model.inputShape, nchw: false };
  const folded = foldBatchNormalization(model.layers);
  try {
    const keep = new Set(options.float32Layers ?? []);
    for (const layer of folded.layers) {
      g.weights = keep.has(layer.name) ? 'float32' : (options.weights ?? 'float32');
      value = await onnxConverter(layer)(g, layer, layoutFor(g, layer, value, activationName(layer)));
    }
    value = toKerasLayout(g, value, 'output');
  } finally {
    folded.dispose();
  }
  const output = 'output_0';
  // The graph output gets its own name through an Identity (also covers a model of Dropouts only).
  g.node('Identity', [value.name], [], 'output', output);
  const dims = (shape: Shape) => shape.map((d, i) => (i === 0 || d === null ? 'N' : d));
  return encodeOnnxModel({
    irVersion: irVersion(opset),
    opset,
    producerName: 'neuralkit',
    producerVersion: options.producerVersion ?? '0',
    graph: {
      name: model.name,
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [{ name: inputName, elemType: OnnxType.FLOAT, dims: dims(model.inputShape) }],
      outputs: [{ name: output, elemType: OnnxType.FLOAT, dims: dims(value.shape) }],
    },
  });
}
