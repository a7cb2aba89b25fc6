// One seeded training run for scripts/gpu-check.sh, bundled with esbuild into the folder carried
// to an offline GPU machine: neuralkit's `fit` (which never reads a tensor synchronously, so it
// runs on webgpu in Node) or tfjs-layers 4.22's, on one backend, for one benchmark model.
// Prints one JSON line: seconds per epoch, test accuracy; writes neuralkit's trained weights (float32).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import '@neuralkit/backend-cpu';
import { setStepTiming, stepTiming, WebgpuStepProgram } from '@neuralkit/backend-webgpu';
import { mnist } from '@neuralkit/data';
import { sequential } from '@neuralkit/model';
// The benchmark models as the bench defines them (the same layers in neuralkit and tfjs-layers).
import { benchModel } from '../../apps/bench/src/models.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'neuralkit' },
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

async function train(spec, x, y, batch) {
  const epochs = Number(args.epochs);
  const steps = Math.ceil(x.shape[0] / batch);
  if (args.engine === 'tfjs-layers') {
    const model = tfl.sequential({ layers: spec.tfjsLayers(tfl.layers) });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const { seconds, kernelsPerStep, gpuPerStep } = await timedEpochs((callbacks) => model.fit(x, y, { epochs, batchSize: batch, shuffle: true, verbose: 0, callbacks }), steps);
    const evaluate = async (xTest, yTest) => {
      const [, accuracy] = model.evaluate(xTest, yTest, { batchSize: 1000, verbose: 0 });
      const value = (await accuracy.data())[0];
      tf.dispose(accuracy);
      return value;
    };
    return { seconds, kernelsPerStep, gpuPerStep, evaluate, weights: async () => undefined, dispose: () => model.dispose() };
  }
  setRandomSeed(Number(args.seed));
  const model = sequential(spec.neuralkit());
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  // The program's passes are timed on the GPU (timestamp queries, read without waiting) in the last epoch.
  const { seconds, kernelsPerStep, gpuPerStep } = await timedEpochs((callbacks) => model.fit(x, y, { epochs, batchSize: batch, shuffle: true, verbose: 0, callbacks }), steps);
  const gpu = await stepTiming();
  if (gpu.passes > 0) gpuPerStep.programGpuUs = Number(((gpu.gpuMs / gpu.passes) * 1000).toFixed(1));
  const evaluate = async (xTest, yTest) => (await model.evaluate(xTest, yTest, { batchSize: 1000, verbose: 0 })).accuracy;
  const weights = async () => Promise.all(model.trainableWeights.map((w) => w.data()));
  return { seconds, kernelsPerStep, gpuPerStep, evaluate, weights, dispose: () => model.dispose() };
}

/** Every kernel the engine runs, counted: how many a training step costs is where a GPU's time goes. */
let kernelsRun = 0;
function countKernels() {
  const engine = tf.engine();
  const run = engine.runKernel.bind(engine);
  engine.runKernel = (...rest) => {
    kernelsRun += 1;
    return run(...rest);
  };
}

/**
 * GPU dispatches and queue submits, counted where the WebGPU classes are globals (Dawn in Node):
 * a step's cost on a GPU is mostly its dispatches' encoding and its submits.
 */
const gpuCalls = { dispatches: 0, submits: 0 };
function countGpuCalls() {
  const wrap = (cls, method, key) => {
    const proto = globalThis[cls]?.prototype;
    if (!proto || typeof proto[method] !== 'function') return;
    const original = proto[method];
    proto[method] = function (...rest) {
      gpuCalls[key] += 1;
      return original.apply(this, rest);
    };
  };
  wrap('GPUComputePassEncoder', 'dispatchWorkgroups', 'dispatches');
  wrap('GPUQueue', 'submit', 'submits');
}

/**
 * The JavaScript time of webgpu's whole-step program (`WebgpuStepProgram.step`: checks,
 * two writeBuffers, the pass's encoding and its submit), apart from the GPU's: with the epoch's
 * seconds it says whether a step is bound by JavaScript or by the GPU.
 */
const programTime = { steps: 0, ms: 0 };
function timeProgramSteps() {
  const step = WebgpuStepProgram.prototype.step;
  WebgpuStepProgram.prototype.step = function (...rest) {
    const start = performance.now();
    const taken = step.apply(this, rest);
    if (taken) {
      programTime.steps += 1;
      programTime.ms += performance.now() - start;
    }
    return taken;
  };
}

/**
 * Seconds of each epoch of `fit`, from epoch-begin to epoch-end (each epoch ends with an awaited
 * read), and the engine's kernels per training step over the last epoch (fit's own work included).
 * The clock has no batch hook: in neuralkit one would make fit read its logs every 8 steps, a
 * wait on the GPU that a `verbose: 0` fit without batch callbacks never makes.
 */
async function timedEpochs(fit, steps) {
  const seconds = [];
  let started = 0;
  let kernelsAtStart = 0;
  let kernelsPerStep;
  let gpuAtStart = { ...gpuCalls };
  let gpuPerStep = {};
  let programAtStart = { ...programTime };
  const clock = {
    onEpochBegin: () => {
      setStepTiming(true); // zeroes the totals: the last epoch's passes are what stepTiming() gives
      started = performance.now();
      kernelsAtStart = kernelsRun;
      gpuAtStart = { ...gpuCalls };
      programAtStart = { ...programTime };
    },
    onEpochEnd: () => {
      seconds.push(Number(((performance.now() - started) / 1000).toFixed(3)));
      kernelsPerStep = Number(((kernelsRun - kernelsAtStart) / Math.max(steps, 1)).toFixed(1));
      const per = (key) => Number(((gpuCalls[key] - gpuAtStart[key]) / Math.max(steps, 1)).toFixed(1));
      gpuPerStep = { dispatches: per('dispatches'), submits: per('submits') };
      const programSteps = programTime.steps - programAtStart.steps;
      if (programSteps > 0) {
        gpuPerStep.programSteps = programSteps;
        gpuPerStep.programJsUs = Number((((programTime.ms - programAtStart.ms) / programSteps) * 1000).toFixed(1));
      }
    },
  };
  await fit([args.engine === 'tfjs-layers' ? new tfl.CustomCallback(clock) : clock]);
  return { seconds, kernelsPerStep, gpuPerStep };
}

async function main() {
  if (args.backend === 'webgpu' && process.env.DAWN_NODE) installDawn(process.env.DAWN_NODE);
  const info = await useBackend(args.backend);
  countKernels();
  countGpuCalls();
  timeProgramSteps();
  const spec = benchModel(args.model);
  const batch = Number(args.batch ?? spec.batchSize);
  const data = await mnist.loadArrays({ dir: args.data });
  const n = Math.min(Number(args.limit ?? data.train.y.length), data.train.y.length);
  const testCount = Math.min(Number(args['test-limit'] ?? data.test.y.length), data.test.y.length);
  // Uploaded once: batches are gathered on the device.
  const images = (x, count) => tf.tidy(() => tf.div(tf.tensor(x.subarray(0, count * 784), [count, 28, 28], 'float32'), 255));
  const x = images(data.train.x, n);
  const y = tf.tensor1d(Float32Array.from(data.train.y.subarray(0, n)), 'float32');
  const xTest = images(data.test.x, testCount);
  const yTest = tf.tensor1d(Float32Array.from(data.test.y.subarray(0, testCount)), 'float32');

  const run = await train(spec, x, y, batch);
  const accuracy = await run.evaluate(xTest, yTest);
  const arrays = await run.weights();
  if (args.weights && arrays) {
    const all = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
    arrays.reduce((at, a) => (all.set(a, at), at + a.length), 0);
    writeFileSync(args.weights, Buffer.from(all.buffer));
  }
  console.log(JSON.stringify({
    engine: args.engine,
    backend: info.name,
    model: args.model,
    adapter: info.details,
    train_samples: n,
    batch_size: batch,
    seconds_per_epoch: run.seconds,
    kernels_per_step: run.kernelsPerStep,
    ...(run.gpuPerStep.dispatches !== undefined && args.backend === 'webgpu'
      ? { dispatches_per_step: run.gpuPerStep.dispatches, submits_per_step: run.gpuPerStep.submits } : {}),
    ...(run.gpuPerStep.programSteps ? { whole_steps: run.gpuPerStep.programSteps, whole_step_js_us: run.gpuPerStep.programJsUs } : {}),
    ...(run.gpuPerStep.programGpuUs !== undefined ? { whole_step_gpu_us: run.gpuPerStep.programGpuUs } : {}),
    test_samples: testCount,
    test_accuracy: accuracy,
  }));
  run.dispose();
  tf.dispose([x, y, xTest, yTest]);
}

main().catch((error) => {
  console.log(JSON.stringify({ engine: args.engine, backend: args.backend, model: args.model, error: `${error?.name}: ${error?.message ?? error}` }));
  process.exitCode = 1;
});
