/** Arrays for `batchNormTrainRows`: x [rows, channels] row-major; `y`, `mean`, `variance` are written. */
export interface BatchNormTrainRows {
  x: ArrayLike<number>;
  /** [channels] scale; absent: 1. */
  gamma?: ArrayLike<number> | undefined;
  /** [channels] offset; absent: 0. */
  beta?: ArrayLike<number> | undefined;
  /** [rows, channels] out: (x − mean) / sqrt(variance + epsilon) · gamma + beta. */
  y: Float32Array;
  /** [channels] out: the batch mean. */
  mean: Float32Array;
  /** [channels] out: the biased batch variance (divided by rows, as Keras and tf.moments). */
  variance: Float32Array;
  epsilon: number;
}

/** Arrays for `batchNormGradRows`; `dx`, `dgamma` and `dbeta` are written. */
export interface BatchNormGradRows {
  dy: ArrayLike<number>;
  x: ArrayLike<number>;
  mean: ArrayLike<number>;
  variance: ArrayLike<number>;
  gamma?: ArrayLike<number> | undefined;
  /** [rows, channels] out. */
  dx: Float32Array;
  /** [channels] out: Σ dy · xhat. */
  dgamma: Float32Array;
  /** [channels] out: Σ dy. */
  dbeta: Float32Array;
  epsilon: number;
}

/**
 * Per channel j, Σ over rows of (x − shift[j]) and Σ of its square, in doubles, four rows at a
 * time: one accumulator update per four values (a running sum in memory waits on its own store).
 */
function channelMoments(x: ArrayLike<number>, shift: Float64Array): [Float64Array, Float64Array] {
  const c = shift.length;
  const [sums, squares] = [new Float64Array(c), new Float64Array(c)];
  const blocked = x.length - (x.length % (4 * c));
  let o = 0;
  for (; o < blocked; o += 4 * c) {
    for (let j = 0; j < c; j++) {
      const s = shift[j]!;
      const i = o + j;
      const d0 = x[i]! - s;
      const d1 = x[i + c]! - s;
      const d2 = x[i + 2 * c]! - s;
      const d3 = x[i + 3 * c]! - s;
      sums[j]! += d0 + d1 + (d2 + d3);
      squares[j]! += d0 * d0 + d1 * d1 + (d2 * d2 + d3 * d3);
    }
  }
  for (; o < x.length; o += c) {
    for (let j = 0; j < c; j++) {
      const d = x[o + j]! - shift[j]!;
      sums[j]! += d;
      squares[j]! += d * d;
    }
  }
  return [sums, squares];
}

/** Per channel, Σ dy and Σ dy·(x − mean), blocked as `channelMoments`. */
function gradientSums(dy: ArrayLike<number>, x: ArrayLike<number>, mean: Float64Array): [Float64Array, Float64Array] {
  const c = mean.length;
  const [sums, products] = [new Float64Array(c), new Float64Array(c)];
  const blocked = x.length - (x.length % (4 * c));
  let o = 0;
  for (; o < blocked; o += 4 * c) {
    for (let j = 0; j < c; j++) {
      const m = mean[j]!;
      const i = o + j;
      const g0 = dy[i]!;
      const g1 = dy[i + c]!;
      const g2 = dy[i + 2 * c]!;
      const g3 = dy[i + 3 * c]!;
      sums[j]! += g0 + g1 + (g2 + g3);
      products[j]! += g0 * (x[i]! - m) + g1 * (x[i + c]! - m) + (g2 * (x[i + 2 * c]! - m) + g3 * (x[i + 3 * c]! - m));
    }
  }
  for (; o < x.length; o += c) {
    for (let j = 0; j < c; j++) {
      sums[j]! += dy[o + j]!;
      products[j]! += dy[o + j]! * (x[o + j]! - mean[j]!);
    }
  }
  return [sums, products];
}

/** 1 / sqrt(variance + epsilon) per channel, in doubles. */
function rstdOf(variance: ArrayLike<number>, epsilon: number): Float64Array {
  return Float64Array.from({ length: variance.length }, (_, j) => 1 / Math.sqrt(variance[j]! + epsilon));
}

/**
 * The arithmetic of the `batchNormTrain` kernels that backends register for `@neuralkit/model`:
 * the batch statistics in two passes (the mean, then squared deviations from it, which stay
 * accurate where Σx² − n·mean² would cancel), then the normalized rows. Sums are doubles; loops
 * run rows outermost, so each pass reads the arrays in order.
 */
export function batchNormTrainRows(batch: BatchNormTrainRows): void {
  const { x, gamma, beta, y, mean, variance, epsilon } = batch;
  const c = mean.length;
  const rows = c === 0 ? 0 : x.length / c;
  const [sums] = channelMoments(x, new Float64Array(c));
  const m = sums.map((v) => v / rows);
  const [, squares] = channelMoments(x, m);
  for (let j = 0; j < c; j++) {
    mean[j] = m[j]!;
    variance[j] = squares[j]! / rows;
  }
  // y from the float32 statistics the kernel returns, as the generic path normalizes with them.
  const rstd = rstdOf(variance, epsilon);
  const scale = rstd.map((r, j) => r * (gamma ? gamma[j]! : 1));
  const shift = Float64Array.from({ length: c }, (_, j) => (beta ? beta[j]! : 0) - mean[j]! * scale[j]!);
  for (let o = 0; o < rows * c; o += c) for (let j = 0; j < c; j++) y[o + j] = x[o + j]! * scale[j]! + shift[j]!;
}

/**
 * The gradient of `batchNormTrainRows`'s y through the batch statistics, with xhat = (x − mean)·rstd
 * and rstd = 1 / sqrt(variance + epsilon): dbeta = Σ dy, dgamma = Σ dy·xhat and
 * dx = gamma·rstd·(dy − dbeta/rows − xhat·dgamma/rows). Both sums in one pass, then dx.
 */
export function batchNormGradRows(batch: BatchNormGradRows): void {
  const { dy, x, mean, gamma, dx, dgamma, dbeta } = batch;
  const c = mean.length;
  const rows = c === 0 ? 0 : x.length / c;
  const rstd = rstdOf(batch.variance, batch.epsilon);
  const m = Float64Array.from(mean as ArrayLike<number>);
  const [sumDy, sumDyCentred] = gradientSums(dy, x, m);
  // dx = k·(dy − xhat·a) − k·b, with xhat·a = (x − mean)·rstd²·Σdy·(x − mean)/rows.
  const k = rstd.map((r, j) => r * (gamma ? gamma[j]! : 1));
  const a = rstd.map((r, j) => (r * r * sumDyCentred[j]!) / rows);
  const b = sumDy.map((s) => s / rows);
  for (let j = 0; j < c; j++) {
    dbeta[j] = sumDy[j]!;
    dgamma[j] = sumDyCentred[j]! * rstd[j]!;
  }
  for (let o = 0; o < rows * c; o += c) {
    for (let j = 0; j < c; j++) dx[o + j] = k[j]! * (dy[o + j]! - b[j]! - (x[o + j]! - m[j]!) * a[j]!);
  }
}
