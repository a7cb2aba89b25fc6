import { InvalidArgumentError } from '@neuralkit/core';
import { toCompileConfig } from './compile-config.js';
import type { KerasSequential } from './model-types.js';
import { writeKerasArchive, type KerasArchiveContent } from './write-keras-archive.js';

/**
 * Keras 3's `.keras` content of a model: its Keras 3 config, compile config and every layer's weights
 * (no optimizer state). Weights are read with awaited reads: on webgpu in Node a synchronous read throws.
 */
export async function modelToKerasArchive(model: KerasSequential): Promise<KerasArchiveContent> {
  const config: Record<string, unknown> = {
    module: 'keras',
    class_name: 'Sequential',
    config: model.getConfig({ style: 'keras3' }),
    registered_name: null,
  };
  if (model.inputShape) config.build_config = { input_shape: [...model.inputShape] };
  // The compile settings (not the optimizer's state), so the archive loads compiled, as Keras's do.
  const training = model.getTrainingConfig();
  if (training) config.compile_config = toCompileConfig(training);
  const layers = await Promise.all(
    model.layers.map(async (layer) => ({
      name: layer.name,
      className: layer.className ?? 'Layer',
      weights: await Promise.all(
        layer.weights.map(async (w, i) => ({
          name: `${layer.name}/vars/${i}`,
          shape: w.variable.shape.slice(),
          dtype: w.dtype ?? ('float32' as const),
          data: Float32Array.from(await w.variable.data()),
        })),
      ),
    })),
  );
  return { config, layers };
}

/** A model as Keras 3 `.keras` bytes (int8-quantized layers in Keras's int8 layout). */
export async function saveToKerasBytes(model: KerasSequential): Promise<Uint8Array> {
  return writeKerasArchive(await modelToKerasArchive(model));
}

/** tf.keras 2's `.h5` has no int8 layout: a quantized model is refused there, naming the layer. */
export function checkH5CanHold(model: KerasSequential): void {
  const layer = model.layers.find((l) => l.quantizationMode === 'int8');
  if (layer) {
    throw new InvalidArgumentError(
      `Keras HDF5 (.h5) cannot hold the int8-quantized layer "${layer.name}": save the model as .keras (Keras 3's int8 layout) instead.`,
    );
  }
}
