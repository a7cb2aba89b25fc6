import * as tf from '@tensorflow/tfjs-core';
import '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { describe, expect, it } from 'vitest';
import { conformanceCases, formatConformanceReport, runBackendConformance } from './index.js';

describe('runBackendConformance', () => {
  it('wasm agrees with cpu within 1e-5 on every op and gradient', async () => {
    await runBackendConformance({ backend: wasmBackend() }); // first run creates both backends
    const before = tf.memory().numTensors;
    const report = await runBackendConformance({ backend: wasmBackend() });
    expect(report.backend).toBe('wasm');
    expect(report.reference).toBe('cpu');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.results.map((r) => r.name)).toEqual(conformanceCases.map((c) => c.name));
    expect(report.passed, formatConformanceReport(report)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cpu agrees with itself exactly', async () => {
    const report = await runBackendConformance({ backend: 'cpu', tolerance: 0 });
    expect(report.passed, formatConformanceReport(report)).toBe(true);
    expect(Math.max(...report.results.map((r) => r.maxError))).toBe(0);
  });

  it('detects a backend that computes something else, and a failing op', async () => {
    const cases = [
      // Differs by 1e-4 between backends: beyond the 1e-5 tolerance.
      { name: 'skewed', run: () => tf.scalar(tf.getBackend() === 'cpu' ? 1 : 1 + 1e-4) },
      { name: 'throws', run: () => tf.matMul(tf.ones([2, 3]), tf.ones([2, 3])) },
    ];
    const report = await runBackendConformance({ backend: 'wasm', cases });
    expect(report.passed).toBe(false);
    expect(report.results[0]).toMatchObject({ name: 'skewed', passed: false });
    expect(report.results[0]!.maxError).toBeCloseTo(1e-4, 6);
    expect(report.results[1]!.error).toMatch(/reference failed/);
    expect(formatConformanceReport(report)).toMatch(/^wasm vs cpu \(tolerance 0.00001\): DISAGREE\nFAIL skewed/);
  });
});
