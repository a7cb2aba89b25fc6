/**
 * One benchmark run in its own process (so peak RSS is this run's): trains one epoch of the
 * lecture model (Flatten → Dense(10, softmax), Adam, batch 32, all 60,000 MNIST images), or of
 * Keras's MNIST convnet (`*-convnet`, batch 128), and prints
 * one JSON line `{ framework, backend, seconds, accuracy, peakRssMb }`.
 *
 *   node dist/run-one.js <neuralkit|tfjs-layers> <cpu|wasm>
 */
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { trainNeuralkit, trainNeuralkitTensors } from './train-neuralkit.js';
import { trainTfjsLayers } from './train-tfjs-layers.js';
import { trainNeuralkitConvnet, trainTfjsLayersConvnet } from './train-convnet.js';

export interface RunResult {
  framework: string;
  backend: string;
  seconds: number;
  accuracy: number;
  peakRssMb: number;
}

/** Loads MNIST its framework's usual way, trains one epoch (timed), evaluates on the test set. */
export type Trainer = () => Promise<{ seconds: number; accuracy: number }>;

const trainers: Record<string, Trainer> = {
  neuralkit: trainNeuralkit,
  'neuralkit-tensors': trainNeuralkitTensors,
  'tfjs-layers': trainTfjsLayers,
  'neuralkit-convnet': trainNeuralkitConvnet,
  'tfjs-layers-convnet': trainTfjsLayersConvnet,
};

async function main(): Promise<void> {
  const [framework = 'neuralkit', backend = 'cpu'] = process.argv.slice(2);
  const train = trainers[framework];
  if (!train) throw new Error(`Unknown framework ${framework}: expected ${Object.keys(trainers).join(' or ')}.`);
  if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`Unknown backend ${backend}: expected cpu or wasm.`);
  await useBackend(backend === 'cpu' ? cpuBackend() : wasmBackend());
  const { seconds, accuracy } = await train();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const result: RunResult = { framework, backend, seconds, accuracy, peakRssMb };
  console.log(JSON.stringify(result));
}

await main();
