import * as tf from '@tensorflow/tfjs-core';

export const WORKGROUP = 64;
const MAX_WORKGROUPS = 65535; // WebGPU's default maxComputeWorkgroupsPerDimension

/**
 * What tfjs-backend-webgpu's program runner needs. Its header declares one storage buffer per
 * name in `variableNames`, the uniforms `<name>Shape`, `outShape` and `size`, `setOutputAtIndex`,
 * and calls our `fn main(index : i32)` once per output value.
 */
export interface Program {
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

/** Workgroups of `WORKGROUP` invocations along x for `count` outputs, one invocation each. */
export function flatWorkgroups(kernel: string, count: number): [number, number, number] {
  const workgroups = Math.ceil(count / WORKGROUP);
  if (workgroups > MAX_WORKGROUPS) throw new Error(`${kernel}: ${count} outputs need more than ${MAX_WORKGROUPS} workgroups.`);
  return [workgroups, 1, 1];
}

/** Runs `program` on the active webgpu backend and wraps its float32 output as a tensor. */
export function runProgram(kernel: string, program: Program, inputs: tf.Tensor[]): tf.Tensor {
  if (tf.getBackend() !== 'webgpu') throw new Error(`${kernel} runs on the webgpu backend, not "${tf.getBackend()}".`);
  const out = (tf.backend() as unknown as ProgramRunner).runWebGPUProgram(program, inputs, 'float32');
  return tf.engine().makeTensorFromTensorInfo(out);
}
