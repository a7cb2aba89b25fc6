import * as tf from '@tensorflow/tfjs-core';

/** The activations fused into the Dense forward kernel (softmax needs a whole row: its own kernel). */
export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

const ACTIVATION_WGSL: Record<DenseActivation, string> = {
  linear: 'return v;',
  relu: 'return max(v, 0.0);',
  sigmoid: 'return 1.0 / (1.0 + exp(-v));',
  tanh: 'return tanh(v);',
};

const WORKGROUP = 64;
const MAX_WORKGROUPS = 65535; // WebGPU's default maxComputeWorkgroupsPerDimension

/** What tfjs-backend-webgpu's program runner needs; its header adds buffers, uniforms, `main`. */
interface Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size: boolean;
  getUserCode(): string;
}
interface ProgramRunner {
  runWebGPUProgram(program: Program, inputs: tf.TensorInfo[], dtype: tf.DataType): tf.TensorInfo;
}

/**
 * `activation(x · kernel + bias)` in one WGSL dispatch on the webgpu backend, where the generic
 * ops take three (matMul, add, the activation). One invocation computes one output value; each
 * reads its row of `x` and its column of `kernel`. Float32 in, float32 out.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  if (tf.getBackend() !== 'webgpu') throw new Error(`denseForward runs on the webgpu backend, not "${tf.getBackend()}".`);
  const [rows, inner] = x.shape;
  const [kernelRows, units] = kernel.shape;
  if (kernelRows !== inner || bias.shape[0] !== units) {
    throw new Error(`denseForward: x [${x.shape}], kernel [${kernel.shape}] and bias [${bias.shape}] do not fit together.`);
  }
  const workgroups = Math.ceil((rows * units) / WORKGROUP);
  if (workgroups > MAX_WORKGROUPS) throw new Error(`denseForward: ${rows}×${units} outputs need more than ${MAX_WORKGROUPS} workgroups.`);
  const program: Program = {
    variableNames: ['x', 'kernel', 'bias'],
    outputShape: [rows, units],
    shaderKey: `neuralkitDenseForward_${activation}`,
    dispatchLayout: { x: [0, 1] },
    dispatch: [workgroups, 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
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
  const runner = tf.backend() as unknown as ProgramRunner;
  const out = runner.runWebGPUProgram(program, [x, kernel, bias], 'float32');
  return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor2D;
}
