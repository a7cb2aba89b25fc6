import type * as tf from '@tensorflow/tfjs-core';
import { flatProgram, runProgram, type Program } from './program.js';

/** The activations fused into the Dense forward kernel (softmax needs a whole row: its own kernel). */
export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

const ACTIVATION_WGSL: Record<DenseActivation, string> = {
  linear: 'return v;',
  relu: 'return max(v, 0.0);',
  sigmoid: 'return 1.0 / (1.0 + exp(-v));',
  tanh: 'return tanh(v);',
};

/**
 * `activation(x · kernel + bias)` for `x` [rows, inner], `kernel` [inner, units] and, when
 * `withBias`, `bias` [units]: one invocation per output value, reading its row of `x` and its
 * column of `kernel`.
 */
export function denseForwardProgram(rows: number, units: number, activation: DenseActivation, withBias: boolean): Program {
  return flatProgram({
    key: `neuralkitDenseForward_${activation}_${withBias ? 'bias' : 'nobias'}`,
    variableNames: withBias ? ['x', 'kernel', 'bias'] : ['x', 'kernel'],
    outputShape: [rows, units],
    userCode: `
      fn activate(v : f32) -> f32 { ${ACTIVATION_WGSL[activation]} }
      fn main(index : i32) {
        if (index < uniforms.size) {
          let units = uniforms.outShape[1];
          let inner = uniforms.xShape[1];
          let row = index / units;
          let col = index - row * units;
          var acc = ${withBias ? 'f32(bias[col])' : '0.0'};
          for (var i = 0; i < inner; i = i + 1) {
            acc = acc + f32(x[row * inner + i]) * f32(kernel[i * units + col]);
          }
          setOutputAtIndex(index, activate(acc));
        }
      }`,
  });
}

/**
 * `activation(x · kernel + bias)` in one WGSL dispatch on the webgpu backend, where the generic
 * ops take three (matMul, add, the activation). Float32 in, float32 out.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  const [rows, inner] = x.shape;
  const [kernelRows, units] = kernel.shape;
  if (kernelRows !== inner || bias.shape[0] !== units) {
    throw new Error(`denseForward: x [${x.shape}], kernel [${kernel.shape}] and bias [${bias.shape}] do not fit together.`);
  }
  return runProgram('denseForward', denseForwardProgram(rows, units, activation, true), [x, kernel, bias]) as tf.Tensor2D;
}
