import * as tf from '@tensorflow/tfjs-core';
import { Sequential } from '../sequential.js';
import { absMaxQuantize } from '../quantize/abs-max-quantize.js';
import { quantizeLayer } from '../quantize/quantize-layer.js';
import type { ExportQuantization } from './export-model.js';

/**
 * A float32 model computing what the ONNX graph computes: int8 kernels dequantized
 * (`q / kernel_scale`, weights only, as the QDQ graph does), float16 weights rounded.
 */
export async function dequantizedCopy(model: Sequential, quantize: ExportQuantization | undefined, float32Layers: readonly string[] = []): Promise<Sequential> {
  const config = model.getConfig();
  const entries = config.layers as Array<{ class_name: string; config: Record<string, unknown> }>;
  const copy = Sequential.fromConfig({ ...config, layers: entries.map((e) => ({ ...e, config: { ...e.config, dtype: 'float32' } })) });
  copy.layers.forEach((layer, i) => {
    const source = model.layers[i]!;
    const kernelScale = source.weights.find((w) => w.name === 'kernel_scale')?.variable;
    const spec = float32Layers.includes(source.name) ? null : source.quantizableKernel();
    layer.weights.forEach((w) => {
      const from = source.weights.find((s) => s.name === w.name)!.variable;
      const value = tf.tidy(() => {
        if (w.name === 'kernel' && kernelScale) return tf.div(tf.cast(from, 'float32'), kernelScale);
        if (w.name === 'kernel' && quantize === 'int8' && spec) {
          const { values, scale } = absMaxQuantize(from, spec.reducedAxes);
          return tf.div(tf.cast(values, 'float32'), scale);
        }
        return from.clone();
      });
      w.variable.assign(value);
      value.dispose();
    });
  });
  if (quantize === 'float16') copy.layers.filter((l) => !float32Layers.includes(l.name)).forEach((l) => quantizeLayer(l, 'float16'));
  return copy;
}
