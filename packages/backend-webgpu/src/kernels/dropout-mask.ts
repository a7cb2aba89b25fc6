import { SPLITMIX32_STEP } from '@neuralkit/core';
import { flatProgram, type Program } from './program.js';

const hex = (n: number) => `0x${(n >>> 0).toString(16)}u`;

/**
 * Dropout's mask, one invocation a unit: draw `index` of the splitmix32 stream seeded
 * `uniforms.seed` (u32 arithmetic wraps as the host's `>>> 0` does), kept as `uniforms.scale`
 * when it is at least `uniforms.threshold`. Bit for bit the host's `dropoutMaskValues`.
 */
export function dropoutMaskProgram(shape: number[]): Program {
  return flatProgram({
    key: 'neuralkitDropoutMask',
    variableNames: [],
    outputShape: shape,
    uniforms: 'seed : u32, threshold : u32, scale : f32,',
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var z = uniforms.seed + (u32(index) + 1u) * ${hex(SPLITMIX32_STEP)};
          z = (z ^ (z >> 16u)) * 0x85ebca6bu;
          z = (z ^ (z >> 13u)) * 0xc2b2ae35u;
          z = z ^ (z >> 16u);
          setOutputAtIndex(index, select(0.0, uniforms.scale, z >= uniforms.threshold));
        }
      }`,
  });
}
