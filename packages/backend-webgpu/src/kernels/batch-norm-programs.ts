import { flatProgram, type Program } from './program.js';

/** WGSL: `ch`, the channel of output `index` of a [rows, channels] output, and its rstd. */
const CHANNEL = `
  let c = uniforms.outShape[1];
  let ch = index - (index / c) * c;
  let rstd = inverseSqrt(f32(variance[ch]) + uniforms.epsilon);`;

/**
 * `(x − mean) · rstd · gamma + beta` [rows, channels], one invocation a value, gamma and beta
 * bound only when given; the uniform `epsilon` follows tfjs's own.
 */
export function batchNormApplyProgram(rows: number, channels: number, withGamma: boolean, withBeta: boolean): Program {
  return flatProgram({
    key: `neuralkitBatchNormApply_${withGamma ? 'g' : ''}${withBeta ? 'b' : ''}`,
    variableNames: ['x', 'mean', 'variance', ...(withGamma ? ['gamma'] : []), ...(withBeta ? ['beta'] : [])],
    outputShape: [rows, channels],
    uniforms: 'epsilon : f32,',
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${CHANNEL}
          var v = (f32(x[index]) - f32(mean[ch])) * rstd;
          ${withGamma ? 'v = v * f32(gamma[ch]);' : ''}
          ${withBeta ? 'v = v + f32(beta[ch]);' : ''}
          setOutputAtIndex(index, v);
        }
      }`,
  });
}

/**
 * `dx = gamma · rstd · (dy − dbeta/rows − xhat · dgamma/rows)` [rows, channels], one invocation
 * a value, from the per-channel sums dgamma = Σ dy·xhat and dbeta = Σ dy.
 */
export function batchNormGradInputProgram(rows: number, channels: number, withGamma: boolean): Program {
  return flatProgram({
    key: `neuralkitBatchNormGradInput_${withGamma ? 'g' : ''}`,
    variableNames: ['dy', 'x', 'mean', 'variance', 'dgamma', 'dbeta', ...(withGamma ? ['gamma'] : [])],
    outputShape: [rows, channels],
    uniforms: 'epsilon : f32,',
    userCode: `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${CHANNEL}
          let n = f32(uniforms.outShape[0]);
          let xhat = (f32(x[index]) - f32(mean[ch])) * rstd;
          let k = rstd${withGamma ? ' * f32(gamma[ch])' : ''};
          setOutputAtIndex(index, k * (f32(dy[index]) - f32(dbeta[ch]) / n - xhat * (f32(dgamma[ch]) / n)));
        }
      }`,
  });
}
