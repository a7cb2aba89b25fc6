// Bundled for Chromium by dense-forward.browser.test.ts: the fused Dense forward kernel against
// the generic tfjs ops (matMul, add, activation) on the same inputs, on the page's WebGPU.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { denseForward, webgpuBackend, type DenseActivation } from '../../src/index.js';

async function run() {
  const info = await useBackend(webgpuBackend());
  const cases: Array<{ activation: DenseActivation; rows: number; inner: number; units: number; maxDiff: number }> = [];
  const before = tf.memory().numTensors;
  // The lecture's Dense(10) on a batch of 32 flattened digits, a hidden layer, and odd sizes.
  const shapes: Array<[number, number, number]> = [[32, 784, 10], [32, 784, 128], [37, 50, 13]];
  for (const [rows, inner, units] of shapes) {
    for (const activation of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
      const [fused, generic] = tf.tidy(() => {
        const x = tf.randomUniform([rows, inner], 0, 1, 'float32', rows + inner) as tf.Tensor2D;
        const kernel = tf.randomNormal([inner, units], 0, 0.05, 'float32', units) as tf.Tensor2D;
        const bias = tf.randomNormal([units], 0, 0.1, 'float32', 7) as tf.Tensor1D;
        const linear = tf.add(tf.matMul(x, kernel), bias);
        const reference = activation === 'linear' ? linear : tf[activation](linear);
        return [denseForward(x, kernel, bias, activation), reference];
      });
      const [a, b] = await Promise.all([fused.data(), generic.data()]);
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      cases.push({ activation, rows, inner, units, maxDiff });
      tf.dispose([fused, generic]);
    }
  }
  return { backend: info.tfjsBackend, details: info.details, cases, leaked: tf.memory().numTensors - before };
}

run().then(
  (result) => ((globalThis as { denseForwardResult?: unknown }).denseForwardResult = result),
  (error: unknown) => ((globalThis as { denseForwardResult?: unknown }).denseForwardResult = { error: String(error) }),
);
