/**
 * One benchmark run in its own process (so peak RSS is this run's): trains one epoch of a model
 * (see models.ts) on all 60,000 MNIST images and prints one JSON line
 * `{ model, framework, backend, seconds, accuracy, peakRssMb }`.
 *
 *   node dist/run-one.js <lecture|mlp-dropout|convnet> <neuralkit|neuralkit-tensors|tfjs-layers> <cpu|wasm>
 */
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { benchModel, type BenchModel } from './models.js';
import { trainNeuralkit, trainNeuralkitTensors } from './train-neuralkit.js';
import { trainTfjsLayers } from './train-tfjs-layers.js';

export interface RunResult {
  model: string;
  framework: string;
  backend: string;
  seconds: number;
  accuracy: number;
  peakRssMb: number;
}

/** Loads MNIST its framework's usual way, trains one epoch (timed), evaluates on the test set. */
export type Trainer = (model: BenchModel) => Promise<{ seconds: number; accuracy: number }>;

const trainers: Record<string, Trainer> = {
  neuralkit: trainNeuralkit,
  'neuralkit-tensors': trainNeuralkitTensors,
  'tfjs-layers': trainTfjsLayers,
};

async function main(): Promise<void> {
  const [modelName = 'lecture', framework = 'neuralkit', backend = 'cpu'] = process.argv.slice(2);
  const model = benchModel(modelName);
  const train = trainers[framework];
  if (!train) throw new Error(`Unknown framework ${framework}: expected ${Object.keys(trainers).join(', ')}.`);
  if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`Unknown backend ${backend}: expected cpu or wasm.`);
  await useBackend(backend === 'cpu' ? cpuBackend() : wasmBackend());
  const { seconds, accuracy } = await train(model);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const result: RunResult = { model: modelName, framework, backend, seconds, accuracy, peakRssMb };
  console.log(JSON.stringify(result));
}

await main();
