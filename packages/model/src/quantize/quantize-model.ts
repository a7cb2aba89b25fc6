import { InvalidArgumentError, NeuralkitError } from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';
import { QUANTIZATION_MODES, type QuantizationMode } from './dtype-policy.js';
import { quantizeLayer } from './quantize-layer.js';

interface QuantizableModel {
  readonly name: string;
  readonly className?: string;
  readonly layers: readonly Layer[];
  readonly built: boolean;
}

/** The layers of a model and of the models nested in it (a Sequential inside a Functional). */
function allLayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((l) => (typeof l.quantizableKernel === 'function' ? [l] : allLayers((l as { layers?: Layer[] }).layers ?? [])));
}

/**
 * Keras's `model.quantize(mode)`: every layer that can be quantized in `mode` is, the others
 * are left as they are (Keras skips them too). Returns the names of the layers quantized.
 */
export function quantizeModel(model: QuantizableModel, mode: unknown): string[] {
  if (!QUANTIZATION_MODES.includes(mode as QuantizationMode)) {
    throw InvalidArgumentError.expected('quantization mode of quantize()', `one of ${QUANTIZATION_MODES.map((m) => `'${m}'`).join(', ')}`, mode);
  }
  if (!model.built) {
    throw new NeuralkitError(
      `${model.className ?? 'Sequential'} "${model.name}" must be built before quantize(): give the first layer an inputShape, or call build() or fit() first.`,
      'NOT_BUILT',
    );
  }
  const layers = allLayers(model.layers);
  const quantized = layers.filter((layer) => quantizeLayer(layer, mode as QuantizationMode)).map((l) => l.name);
  if (quantized.length === 0) {
    const classes = [...new Set(layers.map((l) => l.className))].join(', ');
    throw new InvalidArgumentError(`${model.className ?? 'Sequential'} "${model.name}" has no layer that quantize('${String(mode)}') supports (it has ${classes}).`);
  }
  return quantized;
}

/** Training a quantized model is refused: its int8 kernels have no gradient, as in Keras. */
export function checkTrainable(model: { readonly name: string; readonly className?: string; readonly layers: readonly Layer[] }): void {
  const layer = allLayers(model.layers).find((l) => l.quantizationMode !== null);
  if (!layer) return;
  throw new NeuralkitError(
    `${model.className ?? 'Sequential'} "${model.name}" is quantized (layer "${layer.name}" holds ${layer.quantizationMode} weights) and cannot be trained: ` +
      'train the float32 model, then call quantize() on it.',
    'QUANTIZED_MODEL',
  );
}
