/**
 * `pnpm --filter @neuralkit/bench bench:inference`: predicting the 10,000 MNIST test digits with
 * the lecture MLP (Keras's trained file), or any saved MNIST model (a convnet gets `[28, 28, 1]`
 * digits) — neuralkit `predict` on cpu and wasm, and onnxruntime-node (CPU) running its ONNX
 * export, float32 and int8. Median of 3 runs, after one warm-up.
 *
 *   node dist/inference.js [--model path.h5|model.json|.keras] [--json]
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { mnist } from '@neuralkit/data';
import { loadModel, toOnnx, type Sequential } from '@neuralkit/model';
import '@neuralkit/h5';

const DEFAULT_MODEL = fileURLToPath(new URL('../../../../shared/fixtures/keras-h5/mnist_flatten_dense128_dropout_dense10_tfkeras2.15.0.h5', import.meta.url));

async function median(run: () => Promise<void>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await run();
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function accuracyOf(pred: ArrayLike<number>, labels: Uint8Array): Promise<number> {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if (pred[i * 10 + c]! > pred[i * 10 + best]!) best = c;
    if (best === labels[i]) right++;
  }
  return right / labels.length;
}

/** The test digits scaled to [0, 1] in the model's input shape (`[n, 28, 28]` or `[n, 28, 28, 1]`). */
function digitsFor(model: Sequential, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.reshape(tf.div(x, 255), [-1, ...(model.inputShape!.slice(1) as number[])]));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--model');
  const path = i >= 0 ? process.argv[i + 1]! : DEFAULT_MODEL;
  await useBackend(cpuBackend());
  const { test } = await mnist.loadData();
  const labels = (await test.y.data()) as Uint8Array;
  const rows: Array<{ runtime: string; seconds: number; accuracy: number; modelBytes?: number }> = [];
  let model: Sequential | undefined;
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend(backend === 'cpu' ? cpuBackend() : wasmBackend());
    model?.dispose();
    model = await loadModel(path, { compile: false });
    const x = digitsFor(model, test.x);
    let out: Float32Array = new Float32Array(0);
    const seconds = await median(async () => {
      const y = await model!.predict(x, { batchSize: 1000 });
      out = (await y.data()) as Float32Array;
      y.dispose();
    });
    rows.push({ runtime: `neuralkit predict (${backend})`, seconds, accuracy: await accuracyOf(out, labels) });
    x.dispose();
  }
  const x = digitsFor(model!, test.x);
  const input = new ort.Tensor('float32', (await x.data()) as Float32Array, x.shape);
  for (const weights of ['float32', 'int8'] as const) {
    const bytes = await toOnnx(model!, { weights });
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
    let out: ArrayLike<number> = [];
    const seconds = await median(async () => {
      out = (await session.run({ [model!.inputLayer!.name]: input })).output_0!.data as Float32Array;
    });
    rows.push({ runtime: `onnxruntime-node ${weights}`, seconds, accuracy: await accuracyOf(out, labels), modelBytes: bytes.length });
    await session.release();
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }));
  else {
    console.log('| runtime | s / 10,000 digits | test accuracy | model bytes |\n| --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.runtime} | ${r.seconds.toFixed(3)} | ${r.accuracy.toFixed(4)} | ${r.modelBytes?.toLocaleString('en-US') ?? ''} |`);
  }
}

await main();
