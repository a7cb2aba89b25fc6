import { flatProgram, type Program } from './program.js';

/**
 * One invocation a value of a [count, width] output whose row r comes from source row
 * `indices[r]`: `body` (WGSL) sets output `index` from `at`, the value's offset in the source.
 */
export function rowsProgram(key: string, variableNames: string[], count: number, width: number, body: string): Program {
  return flatProgram({
    key,
    variableNames,
    outputShape: [count, width],
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let width = uniforms.outShape[1];
          let r = index / width;
          let at = indices[r] * width + (index - r * width);
          ${body}
        }
      }`,
  });
}

/**
 * Rows `indices[r]` of `x` viewed as [rows, width], into [count, width]: one invocation a value.
 * `x`'s buffer holds f32 (float32) or i32 (int32, bool), and the output the same.
 */
export function gatherRowsProgram(count: number, width: number, integer: boolean): Program {
  const set = integer ? 'setOutputAtIndexI32' : 'setOutputAtIndex';
  return rowsProgram(`neuralkitGatherRows_${integer ? 'i32' : 'f32'}`, ['x', 'indices'], count, width, `${set}(index, x[at]);`);
}
