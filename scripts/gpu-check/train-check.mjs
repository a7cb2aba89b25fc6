// One seeded training run for scripts/gpu-check.sh, bundled with esbuild into the folder carried
// to an offline GPU machine. It trains with a loop of its own that never reads a tensor inside an
// epoch: in Node, tfjs-backend-webgpu cannot read synchronously, and `fit` still does (metrics).
// Prints one JSON line: seconds per epoch, test accuracy; writes the trained weights (float32).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import '@neuralkit/backend-cpu';
import '@neuralkit/backend-webgpu';
import { mnist } from '@neuralkit/data';
import { layers, sequential } from '@neuralkit/model';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'cpu' },
    data: { type: 'string' },
    model: { type: 'string', default: 'lecture' },
    epochs: { type: 'string', default: '1' },
    batch: { type: 'string' },
    limit: { type: 'string' },
    'test-limit': { type: 'string' },
    seed: { type: 'string', default: '42' },
    weights: { type: 'string' },
  },
});

/** Dawn from DAWN_NODE (the carried dawn.node) as navigator.gpu, before the adapter looks for one. */
function installDawn(file) {
  const { create, globals } = createRequire(import.meta.url)(file);
  Object.assign(globalThis, globals);
  globalThis.navigator = { gpu: create([]) };
}

/** The lecture's model, or Keras's "Simple MNIST convnet" where the convnet layers exist. */
function buildModel(name) {
  if (name === 'lecture') {
    return sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
  }
  if (typeof layers.conv2D !== 'function' || typeof layers.maxPooling2D !== 'function') return undefined;
  return sequential([
    layers.conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    layers.maxPooling2D({ poolSize: 2 }),
    layers.conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    layers.maxPooling2D({ poolSize: 2 }),
    layers.flatten(),
    layers.dense({ units: 10, activation: 'softmax' }),
  ]);
}

async function main() {
  if (args.backend === 'webgpu' && process.env.DAWN_NODE) installDawn(process.env.DAWN_NODE);
  const info = await useBackend(args.backend);
  setRandomSeed(Number(args.seed));
  const model = buildModel(args.model);
  if (!model) {
    console.log(JSON.stringify({ backend: info.name, model: args.model, skipped: 'the convnet layers (layers.conv2D, layers.maxPooling2D) are not in @neuralkit/model yet' }));
    return;
  }
  const convnet = args.model === 'convnet';
  const batch = Number(args.batch ?? (convnet ? 128 : 32));
  const sample = convnet ? [28, 28, 1] : [28, 28];
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  model.build([null, ...sample]);

  const data = await mnist.loadArrays({ dir: args.data });
  const n = Math.min(Number(args.limit ?? data.train.y.length), data.train.y.length);
  const images = (x, count) => tf.tidy(() => tf.div(tf.tensor(x.subarray(0, count * 784), [count, ...sample], 'float32'), 255));
  const x = images(data.train.x, n); // uploaded once; batches are slices on the device
  const labels = Float32Array.from(data.train.y.subarray(0, n));
  const weights = model.trainableWeights;

  const seconds = [];
  for (let epoch = 0; epoch < Number(args.epochs); epoch++) {
    const started = performance.now();
    for (let start = 0; start < n; start += batch) {
      const size = Math.min(batch, n - start);
      tf.tidy(() => {
        const xb = tf.slice(x, [start, ...sample.map(() => 0)], [size, ...sample]);
        const yb = tf.tensor1d(labels.subarray(start, start + size), 'float32'); // checked on the host
        const { grads } = tf.variableGrads(() => model.lossFn.compute(yb, model.call(xb, { training: true })), weights);
        model.optimizer.applyGradients(weights.map((v) => [grads[v.name], v]));
      });
    }
    await weights[0].data(); // waits for the epoch's last step
    seconds.push((performance.now() - started) / 1000);
  }

  const testCount = Math.min(Number(args['test-limit'] ?? data.test.y.length), data.test.y.length);
  const xTest = images(data.test.x, testCount);
  let right = 0;
  for (let start = 0; start < testCount; start += 1000) {
    const size = Math.min(1000, testCount - start);
    const predicted = tf.tidy(() => tf.argMax(model.call(tf.slice(xTest, [start, ...sample.map(() => 0)], [size, ...sample])), -1));
    const classes = await predicted.data();
    predicted.dispose();
    for (let i = 0; i < size; i++) if (classes[i] === data.test.y[start + i]) right++;
  }
  if (args.weights) {
    const arrays = await Promise.all(weights.map((w) => w.data()));
    const all = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
    arrays.reduce((at, a) => (all.set(a, at), at + a.length), 0);
    writeFileSync(args.weights, Buffer.from(all.buffer));
  }
  console.log(JSON.stringify({
    backend: info.name,
    model: args.model,
    adapter: info.details,
    train_samples: n,
    batch_size: batch,
    seconds_per_epoch: seconds.map((s) => Number(s.toFixed(3))),
    test_samples: testCount,
    test_accuracy: right / testCount,
  }));
  tf.dispose([x, xTest]);
}

main().catch((error) => {
  console.log(JSON.stringify({ backend: args.backend, model: args.model, error: `${error?.name}: ${error?.message ?? error}` }));
  process.exitCode = 1;
});
