import { flatProgram, type Program } from './program.js';

/**
 * Rows `indices[r]` of `x` viewed as [rows, width], into [count, width]: one invocation a value.
 * `x`'s buffer holds f32 (float32) or i32 (int32, bool), and the output the same.
 */
export function gatherRowsProgram(count: number, width: number, integer: boolean): Program {
  return flatProgram({
    key: `neuralkitGatherRows_${integer ? 'i32' : 'f32'}`,
    variableNames: ['x', 'indices'],
    outputShape: [count, width],
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let width = uniforms.outShape[1];
          let r = index / width;
          let c = index - r * width;
          ${integer ? 'setOutputAtIndexI32' : 'setOutputAtIndex'}(index, x[i32(indices[r]) * width + c]);
        }
      }`,
  });
}
