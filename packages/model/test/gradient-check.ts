import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Central differences of `loss` with respect to each element of `target` (perturbed in place). */
export function numericGradient(loss: () => tf.Scalar, target: tf.Variable, eps = 1e-2): Float32Array {
  const base = Float32Array.from(target.dataSync());
  const out = new Float32Array(base.length);
  const at = (values: Float32Array) => {
    tf.tidy(() => target.assign(tf.tensor(values, target.shape)));
    return tf.tidy(() => loss().dataSync()[0]!);
  };
  for (let i = 0; i < base.length; i++) {
    const probe = base.slice();
    probe[i] = base[i]! + eps;
    const up = at(probe);
    probe[i] = base[i]! - eps;
    const down = at(probe);
    out[i] = (up - down) / (2 * eps);
  }
  tf.tidy(() => target.assign(tf.tensor(base, target.shape)));
  return out;
}

/**
 * Checks tfjs's gradients of `loss` (taken on the tape) against central differences, for every
 * variable in `targets`; float32 arithmetic, so the tolerance is relative to max(1, |numeric|).
 */
export function expectGradientsMatchNumeric(loss: () => tf.Scalar, targets: tf.Variable[], tolerance = 2e-2): void {
  const { grads, value } = tf.variableGrads(loss, targets);
  value.dispose();
  for (const v of targets) {
    const analytic = grads[v.name]!.dataSync();
    const numeric = numericGradient(loss, v);
    expect(analytic.length).toBe(numeric.length);
    numeric.forEach((n, i) => {
      const error = Math.abs(analytic[i]! - n) / Math.max(1, Math.abs(n));
      if (error > tolerance) expect.fail(`gradient of ${v.name}[${i}]: tape ${analytic[i]}, numeric ${n}`);
    });
  }
  tf.dispose(Object.values(grads));
}

/** Deterministic values in [-scale, scale) for test inputs (same on every backend and run). */
export function fixed(shape: number[], seed: number, scale = 1): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  return tf.tensor(out, shape);
}
