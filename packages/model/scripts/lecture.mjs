// The lecture program, timed (wall and process CPU time of fit): node scripts/lecture.mjs [cpu|wasm] [epochs] [tensors|dataset]
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, setRandomSeed } from '@neuralkit/core';
import { mnist } from '@neuralkit/data';
import { sequential, layers } from '@neuralkit/model';

const [backend = 'cpu', epochsArg = '1', mode = 'tensors'] = process.argv.slice(2);
const adapter = backend === 'wasm' ? (await import('@neuralkit/backend-wasm')).wasmBackend() : (await import('@neuralkit/backend-cpu')).cpuBackend();
await useBackend(adapter);
setRandomSeed(42);
const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
let trainArgs, testArgs;
if (mode === 'dataset') {
  const { train, test } = await mnist.loadDataset();
  trainArgs = [train, null];
  testArgs = [test, null];
} else {
  const { train, test } = await mnist.loadData();
  trainArgs = [tf.div(train.x, 255), train.y];
  testArgs = [tf.div(test.x, 255), test.y];
}
const t0 = performance.now();
const c0 = process.cpuUsage();
const h = await model.fit(...trainArgs, { epochs: Number(epochsArg), verbose: Number(process.env.VERBOSE ?? 2) });
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
const r = await model.evaluate(...testArgs, { verbose: 0 });
console.log(JSON.stringify({ backend, mode, secondsPerEpoch: (t1 - t0) / 1000 / Number(epochsArg), cpuSecondsPerEpoch: (c1.user + c1.system) / 1e6 / Number(epochsArg), history: h.history, test: r, tensors: tf.memory().numTensors }));
