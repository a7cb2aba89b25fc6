import type * as tf from '@tensorflow/tfjs-core';
import type { DenseGradientActivation } from '@neuralkit/core';
import { flatProgram, runProgram, type Program } from './program.js';

/** One value per invocation: `body` adds into `value`. */
function gradientProgram(name: string, variableNames: string[], outputShape: number[], body: string): Program {
  return flatProgram({
    key: `neuralkitDenseBackward_${name}`,
    variableNames,
    outputShape,
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var value = 0.0;
          ${body}
          setOutputAtIndex(index, value);
        }
      }`,
  });
}

/** `xᵀ · dy` [inner, units] from `x` [rows, inner] and `dy` [rows, units]: the kernel's gradient. */
export function denseGradKernelProgram(inner: number, units: number): Program {
  return gradientProgram('kernel', ['x', 'dy'], [inner, units], `
    let units = uniforms.outShape[1];
    let rows = uniforms.xShape[0];
    let inner = uniforms.xShape[1];
    let i = index / units;
    let j = index - i * units;
    for (var r = 0; r < rows; r = r + 1) { value = value + f32(x[r * inner + i]) * f32(dy[r * units + j]); }`);
}

/** `Σ_rows dy` [units]: the bias's gradient. */
export function denseGradBiasProgram(units: number): Program {
  return gradientProgram('bias', ['dy'], [units], `
    let units = uniforms.dyShape[1];
    let rows = uniforms.dyShape[0];
    for (var r = 0; r < rows; r = r + 1) { value = value + f32(dy[r * units + index]); }`);
}

/** `dy · kernelᵀ` [rows, inner] from `dy` [rows, units] and `kernel` [inner, units]: the input's gradient. */
export function denseGradInputProgram(rows: number, inner: number): Program {
  return gradientProgram('input', ['dy', 'kernel'], [rows, inner], `
    let inner = uniforms.outShape[1];
    let units = uniforms.dyShape[1];
    let r = index / inner;
    let i = index - r * inner;
    for (var j = 0; j < units; j = j + 1) { value = value + f32(dy[r * units + j]) * f32(kernel[i * units + j]); }`);
}

/**
 * WGSL that multiplies `value` (an f32 var) by an activation's derivative at the layer's output
 * `out`, in the order of `applyDenseActivationGradient` (core).
 */
export const ACTIVATION_DERIVATIVE_WGSL: Readonly<Record<DenseGradientActivation, string>> = {
  linear: '',
  // As tfjs-webgpu's own step: 0 where the output is not above 0 (WGSL may assume no NaN).
  relu: 'value = value * select(0.0, 1.0, out > 0.0);',
  sigmoid: 'value = value * (out * (1.0 - out));',
  tanh: 'value = (1.0 - out * out) * value;',
};

/**
 * `actGrad(y) ⊙ ((dy · kernelᵀ) ⊙ mask)` [rows, inner]: the input's gradient carried on through a
 * Dropout mask (when `masked`) and the activation of the layer below, from its output `y`, with
 * the products in the order of `applyDenseActivationGradient` (core).
 */
export function denseGradInputActivationProgram(rows: number, inner: number, activation: DenseGradientActivation, masked: boolean): Program {
  const derivative = ACTIVATION_DERIVATIVE_WGSL;
  return gradientProgram(`inputActivation_${activation}_${masked}`, ['dy', 'kernel', 'y', ...(masked ? ['mask'] : [])], [rows, inner], `
    let inner = uniforms.outShape[1];
    let units = uniforms.dyShape[1];
    let r = index / inner;
    let i = index - r * inner;
    for (var j = 0; j < units; j = j + 1) { value = value + f32(dy[r * units + j]) * f32(kernel[i * units + j]); }
    ${masked ? 'value = value * f32(mask[index]);' : ''}
    let out = f32(y[index]);
    ${derivative[activation]}`);
}

/**
 * The gradients of a Dense layer `y = x · kernel + bias` from `dy` (the gradient at its output,
 * after the activation's derivative): `kernel = xᵀ · dy`, `bias = Σ_rows dy`, `x = dy · kernelᵀ`,
 * three WGSL dispatches. `withInput: false` skips `x`'s gradient (the first layer needs none).
 */
export function denseBackward(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  dy: tf.Tensor2D,
  options: { withInput?: boolean } = {},
): { kernel: tf.Tensor2D; bias: tf.Tensor1D; x?: tf.Tensor2D } {
  const [rows, inner] = x.shape;
  const units = kernel.shape[1];
  if (kernel.shape[0] !== inner || dy.shape[0] !== rows || dy.shape[1] !== units) {
    throw new Error(`denseBackward: x [${x.shape}], kernel [${kernel.shape}] and dy [${dy.shape}] do not fit together.`);
  }
  const result = {
    kernel: runProgram('denseBackward', denseGradKernelProgram(inner, units), [x, dy]) as tf.Tensor2D,
    bias: runProgram('denseBackward', denseGradBiasProgram(units), [dy]) as tf.Tensor1D,
  };
  if (options.withInput === false) return result;
  return { ...result, x: runProgram('denseBackward', denseGradInputProgram(rows, inner), [dy, kernel]) as tf.Tensor2D };
}
