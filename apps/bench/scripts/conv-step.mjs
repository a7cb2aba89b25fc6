// Times one training step of Keras's MNIST convnet (Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3
// relu, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax; adam; batch 128; NHWC float32).
//
//   node apps/bench/scripts/conv-step.mjs <cpu|wasm> <neuralkit|stock|layers|layers-adapter> [steps]
//
// neuralkit: the step in tfjs-core ops on the backend as @neuralkit/backend-<name> activates it
//            (with its convolution and pooling kernels);
// stock:     the same step on the plain tfjs backend (tfjs-backend-wasm 4.22 cannot run it: it
//            has no Conv2DBackpropFilter);
// layers:    the same model as a tfjs-layers 4.22 Sequential, trainOnBatch, plain tfjs backend;
// layers-adapter: that tfjs-layers model on the backend as the adapter activates it.
// Run each mode in its own process: the adapters' kernels replace tfjs's for the whole process.
import * as tf from '@tensorflow/tfjs-core';

const [backendName = 'cpu', mode = 'neuralkit', stepsArg = '5'] = process.argv.slice(2);
const steps = Number(stepsArg);
const batch = 128;

async function activate() {
  if (mode === 'neuralkit' || mode === 'layers-adapter') {
    const core = await import('@neuralkit/core');
    const adapter =
      backendName === 'wasm' ? (await import('@neuralkit/backend-wasm')).wasmBackend() : (await import('@neuralkit/backend-cpu')).cpuBackend();
    await core.useBackend(adapter);
  } else {
    (await import('@neuralkit/core')).registerGradients(); // tfjs-core's gradients, nothing else
    await import(backendName === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : '@tensorflow/tfjs-backend-cpu');
    await tf.setBackend(backendName);
    await tf.ready();
  }
}

function opsStep() {
  const init = (shape, seed) => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', seed));
  const w1 = init([3, 3, 1, 32], 1), b1 = tf.variable(tf.zeros([32]));
  const w2 = init([3, 3, 32, 64], 2), b2 = tf.variable(tf.zeros([64]));
  const w3 = init([1600, 10], 3), b3 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.adam(0.001);
  return (x, y) =>
    optimizer.minimize(() => {
      const c1 = tf.fused.conv2d({ x, filter: w1, bias: b1, strides: 1, pad: 'valid', activation: 'relu' });
      const p1 = tf.maxPool(c1, 2, 2, 'valid');
      const c2 = tf.fused.conv2d({ x: p1, filter: w2, bias: b2, strides: 1, pad: 'valid', activation: 'relu' });
      const p2 = tf.maxPool(c2, 2, 2, 'valid');
      const h = tf.dropout(tf.reshape(p2, [batch, 1600]), 0.5);
      const logits = tf.add(tf.matMul(h, w3), b3);
      return tf.losses.softmaxCrossEntropy(y, logits);
    }, true);
}

async function layersStep() {
  const tfl = await import('@tensorflow/tfjs-layers');
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dropout({ rate: 0.5 }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return (x, y) => model.trainOnBatch(x, y);
}

await activate();
const x = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 7);
const y = tf.cast(tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 8), 10), 'float32');
const step = mode.startsWith('layers') ? await layersStep() : opsStep();
const times = [];
for (let i = 0; i <= steps; i++) {
  const start = performance.now();
  const loss = await step(x, y);
  const value = Array.isArray(loss) ? loss[0] : loss;
  if (value && typeof value === 'object') {
    await value.data();
    value.dispose();
  }
  if (i > 0) times.push(performance.now() - start); // the first step warms up
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ backend: backendName, mode, steps, medianStepMs: Math.round(median), epochSeconds: Math.round((median * 469) / 100) / 10 }));
