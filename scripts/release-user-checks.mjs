// What a user does with the published packages, each in a fresh project with plain npm.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function project(work, name) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  return dir;
}

const LOSS_SCRIPT = `
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { get } from '@neuralkit/losses';
await tf.setBackend('cpu');
// Keras's documented example: mse([[0,1],[0,0]], [[1,1],[1,0]]) = 0.5
const loss = get('mse').compute(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [1, 0]]));
const value = loss.dataSync()[0];
if (Math.abs(value - 0.5) > 1e-6) throw new Error('mse gave ' + value);
console.log('mse =', value);
`;

const TRAIN_SCRIPT = `
import { useBackend } from '@neuralkit/core';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { mnist } from '@neuralkit/data';
import { sequential, layers } from '@neuralkit/model';
await useBackend(wasmBackend());
const { train, test } = await mnist.loadData();
const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
await model.fit(train.x.div(255), train.y, { epochs: 1, verbose: 0 });
const { accuracy } = await model.evaluate(test.x.div(255), test.y, { verbose: 0 });
if (!(accuracy > 0.88)) throw new Error('accuracy after one epoch: ' + accuracy);
console.log('accuracy after one epoch:', accuracy);
`;

export async function userChecks({ work, env, run }) {
  console.log('\n== A loss alone: @neuralkit/losses + tfjs-core + tfjs-backend-cpu');
  const lossDir = project(work, 'uses-losses');
  await run('npm', ['install', '--no-audit', '--no-fund', '@neuralkit/losses', '@tensorflow/tfjs-core@4.22.0', '@tensorflow/tfjs-backend-cpu@4.22.0'], { cwd: lossDir, env });
  writeFileSync(join(lossDir, 'main.js'), LOSS_SCRIPT);
  await run('node', ['main.js'], { cwd: lossDir, env });

  console.log('\n== The lecture model: @neuralkit/model + data + backend-wasm');
  const trainDir = project(work, 'trains-mnist');
  await run('npm', ['install', '--no-audit', '--no-fund', '@neuralkit/model', '@neuralkit/data', '@neuralkit/core', '@neuralkit/backend-wasm', '@tensorflow/tfjs-core@4.22.0'], { cwd: trainDir, env });
  writeFileSync(join(trainDir, 'main.js'), TRAIN_SCRIPT);
  await run('node', ['main.js'], { cwd: trainDir, env });

  console.log('\n== The CLI, installed globally into a prefix');
  const prefix = join(work, 'global');
  const cliDir = project(work, 'uses-cli');
  // --ignore-scripts: the optional CUDA binding's install script downloads libtensorflow.
  await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '@neuralkit/cli'], { cwd: cliDir, env });
  const bin = join(prefix, 'bin', 'neuralkit');
  await run(bin, ['train', '--epochs', '1', '--out', 'm.h5'], { cwd: cliDir, env });
  await run(bin, ['evaluate', 'm.h5'], { cwd: cliDir, env });
}
