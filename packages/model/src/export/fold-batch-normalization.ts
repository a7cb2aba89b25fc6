import * as tf from '@tensorflow/tfjs-core';
import type { Layer, LayerWeight } from '../layers/layer.js';
import { activationName, weightOf } from './onnx-layers.js';

const FOLDABLE = new Set(['Dense', 'Conv2D']);

/**
 * Folds a BatchNormalization into the Dense or Conv2D before it, as exporters do: with
 * `s = gamma / sqrt(moving_variance + epsilon)` (Keras's ε, 1e-3 by default) the kernel's output
 * channels are multiplied by `s` and the bias becomes `(bias - moving_mean) * s + beta`.
 * Only when that layer has no activation and float weights. Returns the layers to convert:
 * the folded ones as stand-ins holding the new weights; `dispose` frees those weights.
 */
export function foldBatchNormalization(layers: readonly Layer[]): { layers: Layer[]; dispose: () => void } {
  const out: Layer[] = [];
  const made: tf.Tensor[] = [];
  for (const layer of layers) {
    const previous = out[out.length - 1];
    if (layer.className !== 'BatchNormalization' || !previous || !FOLDABLE.has(previous.className) ||
      activationName(previous) !== 'linear' || previous.quantizationMode !== null || !weightOf(previous, 'kernel') || !onLastAxis(layer)) {
      out.push(layer);
      continue;
    }
    const config = layer.getConfig();
    const channels = weightOf(previous, 'kernel')!.shape.at(-1)!;
    const get = (name: string, fill: number) => weightOf(layer, name) ?? tf.fill([channels], fill);
    const [kernel, bias] = tf.tidy(() => {
      const scale = tf.div(get('gamma', 1), tf.sqrt(tf.add(get('moving_variance', 1), Number(config.epsilon ?? 1e-3))));
      const b = weightOf(previous, 'bias') ?? tf.zeros([channels]);
      return [tf.mul(weightOf(previous, 'kernel')!, scale), tf.add(tf.mul(tf.sub(b, get('moving_mean', 0)), scale), get('beta', 0))];
    });
    made.push(kernel, bias);
    const weights: LayerWeight[] = [
      { name: 'kernel', variable: kernel as tf.Variable, trainable: false },
      { name: 'bias', variable: bias as tf.Variable, trainable: false },
    ];
    // A stand-in that is the previous layer in every respect but its weights.
    const folded = Object.create(previous, { weights: { value: weights } }) as Layer;
    out[out.length - 1] = folded;
  }
  return { layers: out, dispose: () => tf.dispose(made) };
}

/** Whether a BatchNormalization normalizes the last (channel) axis, the one a kernel's outputs run along. */
function onLastAxis(layer: Layer): boolean {
  const axis = Number(layer.getConfig().axis ?? -1);
  return axis === -1 || axis === (layer.inputShape?.length ?? 0) - 1;
}
