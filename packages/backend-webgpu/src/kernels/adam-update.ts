import * as tf from '@tensorflow/tfjs-core';
import { flatWorkgroups, runProgram, WORKGROUP, type Program } from './program.js';

/** Keras's Adam hyperparameters (amsgrad off); `iteration` counts from 1 for the first update. */
export interface AdamStep {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  iteration: number;
}

/**
 * One Adam update of a variable in one WGSL dispatch, as Keras computes it:
 * `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `w ← w − α·m / (√v + ε)` with
 * `α = lr·√(1−β2ᵗ) / (1−β1ᵗ)`. The coefficients travel as a 4-value input, so one pipeline
 * serves every step. Returns the new values (the caller assigns them); the dispatch writes them
 * side by side, `[3, size]`, and the three results are views of its rows.
 */
export function adamUpdate(
  gradient: tf.Tensor,
  state: { variable: tf.Tensor; m: tf.Tensor; v: tf.Tensor },
  step: AdamStep,
): { variable: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const { variable, m, v } = state;
  for (const [name, t] of Object.entries({ gradient, m, v })) {
    if (!tf.util.arraysEqual(t.shape, variable.shape)) {
      throw new Error(`adamUpdate: ${name} has shape [${t.shape}], the variable [${variable.shape}].`);
    }
  }
  const { learningRate, beta1, beta2, epsilon, iteration } = step;
  const alpha = (learningRate * Math.sqrt(1 - beta2 ** iteration)) / (1 - beta1 ** iteration);
  const size = variable.size;
  const program: Program = {
    variableNames: ['g', 'w', 'm', 'v', 'coefficients'],
    outputShape: [3, size],
    shaderKey: 'neuralkitAdamUpdate',
    dispatchLayout: { x: [0, 1] },
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: flatWorkgroups(size),
    size: false,
    getUserCode: () => `
      fn main(index : i32) {
        let size = uniforms.outShape[1];
        if (index < size) {
          let alpha = f32(coefficients[0]);
          let beta1 = f32(coefficients[1]);
          let beta2 = f32(coefficients[2]);
          let epsilon = f32(coefficients[3]);
          let grad = f32(g[index]);
          let m1 = beta1 * f32(m[index]) + (1.0 - beta1) * grad;
          let v1 = beta2 * f32(v[index]) + (1.0 - beta2) * grad * grad;
          setOutputAtIndex(index, f32(w[index]) - alpha * m1 / (sqrt(v1) + epsilon));
          setOutputAtIndex(size + index, m1);
          setOutputAtIndex(2 * size + index, v1);
        }
      }`,
  };
  return tf.tidy(() => {
    const coefficients = tf.tensor1d([alpha, beta1, beta2, epsilon], 'float32');
    const flat = [gradient, variable, m, v].map((t) => tf.reshape(t, [size]));
    const packed = runProgram('adamUpdate', program, [...flat, coefficients]);
    const [w1, m1, v1] = tf.unstack(packed).map((row) => tf.reshape(row, variable.shape));
    return { variable: w1!, m: m1!, v: v1! };
  });
}
