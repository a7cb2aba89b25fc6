import * as tf from '@tensorflow/tfjs-core';
import { webgpuInternals, type ProgramUniform } from './webgpu-internals.js';

export const WORKGROUP = 64;

/**
 * What tfjs-backend-webgpu's program runner needs. Its header declares one storage buffer per
 * name in `variableNames`, the uniforms `<name>Shape`, `outShape` and `size` (then `uniforms`,
 * WGSL struct fields filled from the runner's extra uniform values), `setOutputAtIndex`, and
 * calls our `fn main(index : i32)` once per output value.
 */
export interface Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size: boolean;
  uniforms?: string;
  getUserCode(): string;
}

/**
 * Workgroups of `WORKGROUP` invocations along x for `count` outputs, one invocation each (tfjs
 * folds a count beyond the device's per-dimension limit into y and z, and the index follows).
 */
export function flatWorkgroups(count: number): [number, number, number] {
  return [Math.max(1, Math.ceil(count / WORKGROUP)), 1, 1];
}

/** Runs `program` on `backend` (the webgpu backend): a new output of `dtype`, as a TensorInfo. */
export function runProgramInfo(
  backend: tf.KernelBackend,
  program: Program,
  inputs: tf.TensorInfo[],
  options: { dtype?: tf.DataType; uniforms?: ProgramUniform[] } = {},
): tf.TensorInfo {
  return webgpuInternals(backend).runWebGPUProgram(program, inputs, options.dtype ?? 'float32', options.uniforms);
}

/** Runs `program` on the active webgpu backend and wraps its float32 output as a tensor. */
export function runProgram(kernel: string, program: Program, inputs: tf.Tensor[], uniforms?: ProgramUniform[]): tf.Tensor {
  if (tf.getBackend() !== 'webgpu') throw new Error(`${kernel} runs on the webgpu backend, not "${tf.getBackend()}".`);
  const out = runProgramInfo(tf.backend(), program, inputs, uniforms ? { uniforms } : {});
  return tf.engine().makeTensorFromTensorInfo(out);
}

/** A program of one invocation per output value, `main(index)` being `userCode`'s. */
export function flatProgram(spec: { key: string; variableNames: string[]; outputShape: number[]; userCode: string; uniforms?: string }): Program {
  return {
    variableNames: spec.variableNames,
    outputShape: spec.outputShape,
    shaderKey: spec.key,
    dispatchLayout: { x: spec.outputShape.map((_, i) => i) },
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: flatWorkgroups(spec.outputShape.reduce((a, b) => a * b, 1)),
    size: true,
    ...(spec.uniforms ? { uniforms: spec.uniforms } : {}),
    getUserCode: () => spec.userCode,
  };
}
