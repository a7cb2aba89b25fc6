import { describe, expect, it } from 'vitest';
import { batchNormGradRows, batchNormTrainRows } from './batch-norm-rows.js';

/** Deterministic values in about [-2, 5): an offset keeps the mean away from 0. */
const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 3.5 + 1.5);

/**
 * The textbook chain rule in doubles, one channel at a time, with the statistics' own gradients
 * written out (dvariance, then dmean): a derivation independent of the folded formula under test.
 */
function reference(rows: number, c: number, x: Float32Array, dy: Float32Array, gamma: Float32Array | undefined, beta: Float32Array | undefined, eps: number) {
  const out = { y: [] as number[], mean: [] as number[], variance: [] as number[], dx: [] as number[], dgamma: [] as number[], dbeta: [] as number[] };
  for (let j = 0; j < c; j++) {
    const col = (a: Float32Array) => Array.from({ length: rows }, (_, i) => a[i * c + j]!);
    const xs = col(x);
    const dys = col(dy);
    const g = gamma ? gamma[j]! : 1;
    const mean = xs.reduce((a, b) => a + b, 0) / rows;
    const variance = xs.reduce((a, v) => a + (v - mean) ** 2, 0) / rows;
    const rstd = 1 / Math.sqrt(variance + eps);
    const dvar = dys.reduce((a, d, i) => a + d * g * (xs[i]! - mean) * -0.5 * rstd ** 3, 0);
    const dmean = dys.reduce((a, d) => a - d * g * rstd, 0) + dvar * xs.reduce((a, v) => a - 2 * (v - mean), 0) / rows;
    out.mean.push(mean);
    out.variance.push(variance);
    out.dbeta.push(dys.reduce((a, b) => a + b, 0));
    out.dgamma.push(dys.reduce((a, d, i) => a + d * (xs[i]! - mean) * rstd, 0));
    xs.forEach((v, i) => {
      out.y[i * c + j] = (v - mean) * rstd * g + (beta ? beta[j]! : 0);
      out.dx[i * c + j] = dys[i]! * g * rstd + (dvar * 2 * (v - mean)) / rows + dmean / rows;
    });
  }
  return out;
}

function run(rows: number, c: number, x: Float32Array, dy: Float32Array, gamma: Float32Array | undefined, beta: Float32Array | undefined, eps: number) {
  const out = { y: new Float32Array(rows * c), mean: new Float32Array(c), variance: new Float32Array(c), dx: new Float32Array(rows * c), dgamma: new Float32Array(c), dbeta: new Float32Array(c) };
  batchNormTrainRows({ x, gamma, beta, y: out.y, mean: out.mean, variance: out.variance, epsilon: eps });
  batchNormGradRows({ dy, x, mean: out.mean, variance: out.variance, gamma, dx: out.dx, dgamma: out.dgamma, dbeta: out.dbeta, epsilon: eps });
  return out;
}

describe('batchNormTrainRows and batchNormGradRows', () => {
  it('normalize one channel and give its gradients, by hand', () => {
    // x [1, 3]: mean 2, variance 1; eps 0.25 → rstd 1/sqrt(1.25) = 0.8944272, xhat ∓0.8944272.
    // gamma 2, beta 0.5: y = xhat·2 + 0.5 = [-1.2888544, 2.2888544].
    // dy [1, 0]: dbeta 1, dgamma Σ dy·xhat = -0.8944272,
    // dx = 2·0.8944272·(dy − 1/2 − xhat·(-0.8944272)/2) = 1.7888544·[0.5 − 0.4, −0.5 + 0.4] = ±0.1788854.
    const out = run(2, 1, Float32Array.of(1, 3), Float32Array.of(1, 0), Float32Array.of(2), Float32Array.of(0.5), 0.25);
    expect([...out.mean, ...out.variance]).toEqual([2, 1]);
    expect(out.y[0]).toBeCloseTo(-1.2888544, 6);
    expect(out.y[1]).toBeCloseTo(2.2888544, 6);
    expect([out.dbeta[0], out.dgamma[0]! + 0.8944272]).toEqual([1, expect.closeTo(0, 6)]);
    expect(out.dx[0]).toBeCloseTo(0.1788854, 6);
    expect(out.dx[1]).toBeCloseTo(-0.1788854, 6);
  });

  it.each([
    [1, 1, true], [7, 3, true], [7, 3, false], [300, 33, true], [300, 33, false], [64, 5, true],
  ])('match the chain rule in doubles: %i rows, %i channels, gamma and beta %s', (rows, c, affine) => {
    const x = values(rows * c, rows + c);
    const dy = values(rows * c, 7);
    const gamma = affine ? values(c, 3) : undefined;
    const beta = affine ? values(c, 4) : undefined;
    const got = run(rows, c, x, dy, gamma, beta, 1e-3);
    const want = reference(rows, c, x, dy, gamma, beta, 1e-3);
    for (const key of ['y', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'] as const) {
      const scale = Math.max(1, ...want[key].map(Math.abs));
      want[key].forEach((w, i) => expect(Math.abs(got[key][i]! - w), `${key}[${i}]`).toBeLessThanOrEqual(2e-6 * scale));
    }
  });
});
