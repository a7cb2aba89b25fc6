import type { Layer, Sequential } from '@neuralkit/model';
import { UsageError } from '../errors.js';
import type { ModelLibrary } from '../libraries.js';

/** The models `train --model` builds, by name; the first is the default. */
export const MODEL_PRESETS = ['lecture', 'convnet'] as const;
export type ModelPreset = (typeof MODEL_PRESETS)[number];

export interface PresetOptions {
  model?: ModelPreset;
  hidden: number;
  dropout: number;
}

/** The lecture's model (Flatten → Dense(10, softmax)), with an optional Dense(N, relu) and Dropout. */
function lecture(lib: ModelLibrary, options: PresetOptions): Sequential {
  const stack: Layer[] = [lib.layers.flatten({ inputShape: [28, 28] })];
  if (options.hidden > 0) stack.push(lib.layers.dense({ units: options.hidden, activation: 'relu' }));
  if (options.dropout > 0) stack.push(lib.layers.dropout({ rate: options.dropout }));
  stack.push(lib.layers.dense({ units: 10, activation: 'softmax' }));
  return lib.sequential(stack);
}

/** keras.io's "Simple MNIST convnet" (34,826 parameters), on `[28, 28, 1]` images. */
function convnet(lib: ModelLibrary, options: PresetOptions): Sequential {
  if (options.hidden > 0) throw new UsageError('--hidden applies to --model lecture; the convnet preset is fixed (Keras\'s Simple MNIST convnet).');
  const l = lib.layers;
  return lib.sequential([
    l.input({ shape: [28, 28, 1] }),
    l.conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu' }),
    l.maxPooling2d({ poolSize: [2, 2] }),
    l.conv2d({ filters: 64, kernelSize: [3, 3], activation: 'relu' }),
    l.maxPooling2d({ poolSize: [2, 2] }),
    l.flatten(),
    l.dropout({ rate: options.dropout > 0 ? options.dropout : 0.5 }),
    l.dense({ units: 10, activation: 'softmax' }),
  ]);
}

/** The preset's model, unbuilt weights included (seeded by `--seed`). */
export function buildPreset(lib: ModelLibrary, options: PresetOptions): Sequential {
  return (options.model ?? 'lecture') === 'convnet' ? convnet(lib, options) : lecture(lib, options);
}
