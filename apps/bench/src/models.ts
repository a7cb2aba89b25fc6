import type * as tfl from '@tensorflow/tfjs-layers';
import { layers as nkLayers } from '@neuralkit/model';

/**
 * The benchmarked models, each built the same way in neuralkit, tfjs-layers and PyTorch
 * (`python/torch_mnist.py` knows them by the same name). All train one epoch of MNIST with
 * Adam (Keras defaults) and sparse categorical crossentropy.
 */
export interface BenchModel {
  name: string;
  batchSize: number;
  /** The neuralkit layers, or a note saying why the row is skipped. */
  neuralkit(): unknown[] | { skipped: string };
  tfjsLayers(layers: typeof tfl.layers): tfl.layers.Layer[];
}


export const MODELS: readonly BenchModel[] = [
  {
    // The lecture: Flatten → Dense(10, softmax).
    name: 'lecture',
    batchSize: 32,
    neuralkit: () => [nkLayers.flatten({ inputShape: [28, 28] }), nkLayers.dense({ units: 10, activation: 'softmax' })],
    tfjsLayers: (l) => [l.flatten({ inputShape: [28, 28] }), l.dense({ units: 10, activation: 'softmax' })],
  },
  {
    // The lecture's Dropout section: Flatten → Dense(128, relu) → Dropout(0.2) → Dense(10, softmax).
    name: 'mlp-dropout',
    batchSize: 32,
    neuralkit: () => [
      nkLayers.flatten({ inputShape: [28, 28] }),
      nkLayers.dense({ units: 128, activation: 'relu' }),
      nkLayers.dropout({ rate: 0.2 }),
      nkLayers.dense({ units: 10, activation: 'softmax' }),
    ],
    tfjsLayers: (l) => [
      l.flatten({ inputShape: [28, 28] }),
      l.dense({ units: 128, activation: 'relu' }),
      l.dropout({ rate: 0.2 }),
      l.dense({ units: 10, activation: 'softmax' }),
    ],
  },
  {
    // Keras's "Simple MNIST convnet" example, batch 128.
    name: 'convnet',
    batchSize: 128,
    neuralkit: () => [
      nkLayers.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28] }),
      nkLayers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      nkLayers.maxPooling2d({ poolSize: 2 }),
      nkLayers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      nkLayers.maxPooling2d({ poolSize: 2 }),
      nkLayers.flatten({}),
      nkLayers.dropout({ rate: 0.5 }),
      nkLayers.dense({ units: 10, activation: 'softmax' }),
    ],
    tfjsLayers: (l) => [
      l.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28] }),
      l.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.flatten(),
      l.dropout({ rate: 0.5 }),
      l.dense({ units: 10, activation: 'softmax' }),
    ],
  },
];

export function benchModel(name: string): BenchModel {
  const model = MODELS.find((m) => m.name === name);
  if (!model) throw new Error(`Unknown model ${name}: expected ${MODELS.map((m) => m.name).join(', ')}.`);
  return model;
}
