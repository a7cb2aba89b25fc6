// Run by swiftshader-node.test.ts in a child process whose loader path holds Chromium's Vulkan
// loader and SwiftShader (a CPU implementation of Vulkan): Dawn finds a real adapter there.
import * as tf from '@tensorflow/tfjs-core';
import { stepProgramFactory, registerStepProgram, setOptimizerKernelLimit, setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { Adam } from '@neuralkit/optimizers';
import { setStepTiming, stepTiming, webgpuBackend, WebgpuStepProgram } from '@neuralkit/backend-webgpu';

const report = {};
const info = await useBackend(webgpuBackend());
report.backend = info.tfjsBackend;
report.details = info.details;
// A dense layer's forward pass on the GPU; the test compares it with the same numbers on cpu.
const before = tf.memory().numTensors;
const y = tf.tidy(() => {
  const x = tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.75], [2, 3]);
  const w = tf.tensor2d([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [3, 2]);
  return tf.softmax(tf.add(tf.matMul(x, w), tf.tensor1d([0.05, -0.05])));
});
report.softmax = Array.from(await y.data());
const fresh = tf.mul(y, 2);
try {
  fresh.dataSync();
  report.syncRead = 'returned';
} catch (error) {
  report.syncRead = { name: error.name, code: error.code, message: error.message };
}
report.afterAsyncRead = Array.from(y.dataSync()); // cached on the CPU by data(): readable
tf.dispose([y, fresh]);
// Adam through the WGSL update kernel (in place from step 2) against the generic ops path.
const [fusedAdam, genericAdam] = [new Adam({ learningRate: 0.05, amsgrad: true }), new Adam({ learningRate: 0.05, amsgrad: true })];
const [fused, generic] = tf.tidy(() => [0, 1].map(() => tf.variable(tf.randomNormal([1000], 0, 1, 'float32', 3))));
let fusedId;
for (let step = 1; step <= 4; step++) {
  const g = tf.randomNormal([1000], 0, 1, 'float32', 10 + step);
  fusedAdam.applyGradients([[g, fused]]);
  setOptimizerKernelLimit('webgpu', 0);
  genericAdam.applyGradients([[g, generic]]);
  setOptimizerKernelLimit('webgpu', Infinity);
  g.dispose();
  if (step === 1) fusedId = fused.dataId;
}
const start = tf.randomNormal([1000], 0, 1, 'float32', 3);
const [a, b, s0] = [await fused.data(), await generic.data(), await start.data()];
const maxDiff = (x, y) => x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
report.adam = { inPlace: fused.dataId === fusedId, maxDiff: maxDiff(a, b), moved: maxDiff(a, s0) };
tf.dispose([fused, generic, start]);
fusedAdam.dispose();
genericAdam.dispose();
// The model kernels of the seam in Dawn: crossentropy (a pipeline of our own with two outputs),
// Dense with relu and gatherRows, each against the generic ops on the same inputs.
const seam = tf.tidy(() => {
  const logits = tf.mul(tf.randomNormal([70, 10], 0, 1, 'float32', 4), 3);
  const labels = tf.tensor1d(Array.from({ length: 70 }, (_, i) => i % 10), 'int32');
  const [loss, grad] = tf.engine().runKernel('NeuralkitSparseSoftmaxCrossEntropy', { logits, labels }, { gradScale: 0.5 });
  const logp = tf.logSoftmax(logits);
  const onehot = tf.oneHot(labels, 10);
  const x = tf.randomNormal([7, 785], 0, 1, 'float32', 5);
  const w = tf.randomNormal([785, 10], 0, 0.1, 'float32', 6);
  const b = tf.randomNormal([10], 0, 1, 'float32', 7);
  const indices = Int32Array.from([6, 0, 3]);
  return [
    [loss, tf.neg(tf.sum(tf.mul(onehot, logp), -1))],
    [grad, tf.mul(tf.sub(tf.exp(logp), onehot), 0.5)],
    [tf.engine().runKernel('NeuralkitDense', { x, w, b }, { relu: true }), tf.relu(tf.add(tf.matMul(x, w), b))],
    [tf.engine().runKernel('NeuralkitGatherRows', { x }, { indices }), tf.gather(x, tf.tensor1d(indices, 'int32'))],
  ];
});
report.seam = [];
for (const [got, want] of seam) report.seam.push(maxDiff(await got.data(), await want.data()));
tf.dispose(seam.flat());
// The MLP with Dropout and a small convnet trained by fit in Dawn, through the whole-step program and
// through the per-kernel path, from the same seed: the program's GPU calls as the GPU machine will make them.
async function trainMlp(conv = false) {
  setRandomSeed(2);
  const model = sequential(conv
    ? [layers.reshape({ targetShape: [6, 6, 1], inputShape: [6, 6] }), layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }), layers.flatten(), layers.dropout({ rate: 0.3 }), layers.dense({ units: 4, activation: 'softmax' })]
    : [layers.flatten({ inputShape: [6, 6] }), layers.dense({ units: 16, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }), layers.dense({ units: 4, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = tf.randomUniform([70, 6, 6], 0, 1, 'float32', 8);
  const labels = tf.tensor1d(Array.from({ length: 70 }, (_, i) => (i * 3) % 4), 'int32');
  const initial = [];
  for (const w of model.getWeights()) initial.push(...(await w.data()));
  const history = await model.fit(x, labels, { epochs: 2, batchSize: 16, verbose: 0 });
  const weights = [];
  for (const w of model.getWeights()) weights.push(...(await w.data()));
  model.dispose();
  tf.dispose([x, labels]);
  return { loss: history.history.loss, weights, moved: maxDiff(weights, initial) };
}
let dispatches = 0;
const dispatch = globalThis.GPUComputePassEncoder.prototype.dispatchWorkgroups;
globalThis.GPUComputePassEncoder.prototype.dispatchWorkgroups = function (...rest) {
  dispatches++;
  return dispatch.apply(this, rest);
};
setStepTiming(true); // the GPU time of the program's passes, from timestamp queries
const program = await trainMlp();
const programDispatches = dispatches;
const timing = await stepTiming();
setStepTiming(false);
const convProgram = await trainMlp(true);
const factory = stepProgramFactory('webgpu');
registerStepProgram('webgpu', undefined);
dispatches = 0;
const kernels = await trainMlp();
const kernelDispatches = dispatches;
const convKernels = await trainMlp(true);
registerStepProgram('webgpu', factory);
report.wholeStep = {
  lossDiff: maxDiff(program.loss, kernels.loss),
  weightDiff: maxDiff(program.weights, kernels.weights),
  moved: program.loss[1] < program.loss[0],
  dispatches: [programDispatches, kernelDispatches],
  timing,
  conv: { lossDiff: maxDiff(convProgram.loss, convKernels.loss), weightDiff: maxDiff(convProgram.weights, convKernels.weights), moved: convProgram.moved },
};
// A step whose commands the device refuses (a dispatch past the workgroup limit in the first step):
// the program says so once and declines the later steps, which fit runs through tfjs's kernels.
{
  let sabotage = false;
  let taken = 0;
  const warnings = [];
  const step = WebgpuStepProgram.prototype.step;
  WebgpuStepProgram.prototype.step = function (...rest) {
    sabotage = taken === 0;
    const ok = step.apply(this, rest);
    if (ok) taken++;
    sabotage = false;
    return ok;
  };
  const inner = globalThis.GPUComputePassEncoder.prototype.dispatchWorkgroups;
  globalThis.GPUComputePassEncoder.prototype.dispatchWorkgroups = function (x, y, z) {
    if (sabotage) {
      sabotage = false;
      return inner.call(this, 1 << 30, y, z);
    }
    return inner.call(this, x, y, z);
  };
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  const run = await trainMlp();
  console.warn = warn;
  WebgpuStepProgram.prototype.step = step;
  report.refused = { taken, warnings, finite: run.loss.every(Number.isFinite), moved: run.moved };
}
report.leaked = tf.memory().numTensors - before;
console.log(JSON.stringify(report));
