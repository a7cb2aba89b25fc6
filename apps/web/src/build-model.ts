import { layers, sequential, type Sequential } from '@neuralkit/model';
import { get as getOptimizer } from '@neuralkit/optimizers';
import { CosineDecay, ExponentialDecay } from '@neuralkit/schedules';
import type { TrainSettings } from './settings.js';

/** The lecture's linear model, the same with a hidden layer and dropout, or Keras's MNIST convnet. */
export function buildModel(architecture: TrainSettings['architecture']): Sequential {
  if (architecture === 'convnet') {
    // keras.io's "Simple MNIST convnet", 34,826 parameters, on [28, 28, 1] images.
    return sequential([
      layers.input({ shape: [28, 28, 1] }),
      layers.conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu' }),
      layers.maxPooling2d({ poolSize: [2, 2] }),
      layers.conv2d({ filters: 64, kernelSize: [3, 3], activation: 'relu' }),
      layers.maxPooling2d({ poolSize: [2, 2] }),
      layers.flatten(),
      layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  if (architecture === 'hidden') {
    return sequential([
      layers.flatten({ inputShape: [28, 28] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  return sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
}

/** Compiles `model` with the form's optimizer, learning rate (or schedule over `stepsPerEpoch`) and loss. */
export function compileModel(model: Sequential, settings: TrainSettings, stepsPerEpoch: number): void {
  const optimizer = getOptimizer(settings.optimizer);
  optimizer.learningRate = learningRate(settings, stepsPerEpoch);
  model.compile({ optimizer, loss: settings.loss, metrics: ['accuracy'] });
}

function learningRate(settings: TrainSettings, stepsPerEpoch: number) {
  const initialLearningRate = settings.learningRate;
  if (settings.schedule === 'exponential') {
    return new ExponentialDecay({ initialLearningRate, decaySteps: stepsPerEpoch, decayRate: 0.9 });
  }
  if (settings.schedule === 'cosine') {
    return new CosineDecay({ initialLearningRate, decaySteps: stepsPerEpoch * settings.epochs });
  }
  return initialLearningRate;
}
