import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { formatConformanceReport, runBackendConformance } from '@neuralkit/testing';
import { describe, expect, it } from 'vitest';
import { layerConformanceCases } from './layer-conformance-cases.js';

// The same cases run on webgl and on wasm in Chromium (conformance.html, test/demo.e2e.test.ts).
describe('the convolutional layers on wasm (Node) agree with cpu', () => {
  it('outputs, input and weight gradients, moving statistics: within 1e-5, and no tensor leaks', async () => {
    await runBackendConformance({ backend: wasmBackend(), reference: cpuBackend(), cases: layerConformanceCases });
    const before = tf.memory().numTensors;
    const report = await runBackendConformance({ backend: wasmBackend(), reference: cpuBackend(), cases: layerConformanceCases });
    console.log(formatConformanceReport(report));
    expect(report.backend).toBe('wasm');
    expect(report.passed, formatConformanceReport(report)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('compares what it should: every trainable weight has its gradient, BatchNormalization moves its statistics', async () => {
    await runBackendConformance({ backend: cpuBackend(), cases: [] });
    const outputs = (name: string) => tf.tidy(() => layerConformanceCases.find((c) => c.name === `layer ${name}`)!.run() as tf.Tensor[]);
    const conv = outputs('Conv2D valid relu');
    // output [2, 5, 4, 4], input gradient, kernel and bias gradients, then kernel and bias.
    expect(conv.map((t) => t.shape)).toEqual([[2, 5, 4, 4], [2, 7, 6, 3], [3, 3, 3, 4], [4], [3, 3, 3, 4], [4]]);
    expect(conv.slice(1, 4).every((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]!) > 0)).toBe(true);
    const train = outputs('BatchNormalization (training)');
    const infer = outputs('BatchNormalization (inference)');
    // gamma, beta, moving_mean, moving_variance after the calls: the moving ones move in training only.
    expect(train.length).toBe(1 + 3 + 4);
    expect(train[6]!.dataSync()).not.toEqual(infer[6]!.dataSync());
    expect(train[4]!.dataSync()).toEqual(infer[4]!.dataSync());
    tf.dispose([...conv, ...train, ...infer]);
  });
});
