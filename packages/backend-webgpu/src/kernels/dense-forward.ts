import * as tf from '@tensorflow/tfjs-core';
import { flatWorkgroups, runProgram, WORKGROUP, type Program } from './program.js';

/** The activations fused into the Dense forward kernel (softmax needs a whole row: its own kernel). */
export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

const ACTIVATION_WGSL: Record<DenseActivation, string> = {
  linear: 'return v;',
  relu: 'return max(v, 0.0);',
  sigmoid: 'return 1.0 / (1.0 + exp(-v));',
  tanh: 'return tanh(v);',
};

/**
 * `activation(x · kernel + bias)` in one WGSL dispatch on the webgpu backend, where the generic
 * ops take three (matMul, add, the activation). One invocation computes one output value; each
 * reads its row of `x` and its column of `kernel`. Float32 in, float32 out.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  const [rows, inner] = x.shape;
  const [kernelRows, units] = kernel.shape;
  if (kernelRows !== inner || bias.shape[0] !== units) {
    throw new Error(`denseForward: x [${x.shape}], kernel [${kernel.shape}] and bias [${bias.shape}] do not fit together.`);
  }
  const program: Program = {
    variableNames: ['x', 'kernel', 'bias'],
    outputShape: [rows, units],
    shaderKey: `neuralkitDenseForward_${activation}`,
    dispatchLayout: { x: [0, 1] },
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: flatWorkgroups('denseForward', rows * units),
    size: true,
    getUserCode: () => `
      fn activate(v : f32) -> f32 { ${ACTIVATION_WGSL[activation]} }
      fn main(index : i32) {
        if (index < uniforms.size) {
          let units = uniforms.outShape[1];
          let inner = uniforms.xShape[1];
          let row = index / units;
          let col = index - row * units;
          var acc = f32(bias[col]);
          for (var i = 0; i < inner; i = i + 1) {
            acc = acc + f32(x[row * inner + i]) * f32(kernel[i * units + col]);
          }
          setOutputAtIndex(index, activate(acc));
        }
      }`,
  };
  return runProgram('denseForward', program, [x, kernel, bias]) as tf.Tensor2D;
}
