import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { Layer, LayerWeight } from '../layers/layer.js';
import { uniqueVariableName } from '../layers/unique-name.js';
import { absMaxQuantize } from './abs-max-quantize.js';
import { roundToFloat16 } from './float16.js';
import type { QuantizationMode } from './dtype-policy.js';

/** A layer's answer to `quantizableKernel()`: which weight becomes int8, and which axes one scale covers. */
export interface QuantizableKernel {
  /** The weight's name, `'kernel'`. */
  weight: string;
  /** Axes reduced to one scale: `[0]` for Dense (one per unit), `[0, 1, 2]` for a conv kernel (one per filter). */
  reducedAxes: number[];
}

/**
 * Quantizes one built layer in place, as Keras's `layer.quantize(mode)`. `'int8'`: the kernel
 * becomes int8 (non-trainable) and a non-trainable `kernel_scale` follows the other weights, so
 * the order is Keras's `kernel, bias, kernel_scale`. `'float16'`: every weight is rounded to
 * float16. Returns false when the layer has nothing to quantize in this mode (Keras skips it).
 */
export function quantizeLayer(layer: Layer, mode: QuantizationMode): boolean {
  if (layer.quantizationMode) {
    throw new InvalidArgumentError(
      `Layer "${layer.name}" (${layer.className}) is already quantized (${layer.quantizationMode}); quantize the float32 model instead.`,
    );
  }
  if (mode === 'float16') return toFloat16(layer);
  const spec = layer.quantizableKernel();
  if (!spec) return false;
  const index = layer.weights.findIndex((w) => w.name === spec.weight);
  const kernel = layer.weights[index];
  if (!kernel) throw new InvalidArgumentError(`Layer "${layer.name}" has no weight "${spec.weight}" to quantize.`);
  const { values, scale } = absMaxQuantize(kernel.variable, spec.reducedAxes);
  const flatScale = tf.reshape(scale, scale.shape.filter((_, axis) => !spec.reducedAxes.includes(axis)));
  const name = kernel.variable.name;
  kernel.variable.dispose(); // frees its registered name for the int8 variable
  const int8: LayerWeight = { name: kernel.name, variable: tf.variable(values, false, name), trainable: false, dtype: 'int8' };
  const scaleName = uniqueVariableName(`${layer.name}/${kernel.name}_scale`);
  const kernelScale: LayerWeight = { name: `${kernel.name}_scale`, variable: tf.variable(flatScale, false, scaleName), trainable: false };
  tf.dispose([values, scale, flatScale]);
  layer.weights[index] = int8;
  layer.weights.push(kernelScale);
  layer.quantizationMode = 'int8';
  return true;
}

function toFloat16(layer: Layer): boolean {
  if (layer.weights.length === 0) return false;
  for (const w of layer.weights) {
    const rounded = roundToFloat16(w.variable.dataSync() as Float32Array);
    tf.tidy(() => w.variable.assign(tf.tensor(rounded, w.variable.shape, 'float32')));
    w.dtype = 'float16';
  }
  layer.quantizationMode = 'float16';
  return true;
}
