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
 * Per-channel sums of `f(row offset, channel)` over the rows of a [rows, channels] layout, in
 * doubles: rows outermost, so each pass reads the arrays in order.
 */
function channelSums(rows: number, channels: number, f: (o: number, j: number) => number): Float64Array {
  const sums = new Float64Array(channels);
  for (let i = 0, o = 0; i < rows; i++, o += channels) {
    for (let j = 0; j < channels; j++) sums[j]! += f(o + j, j);
  }
  return sums;
}

/** 1 / sqrt(variance + epsilon) per channel, in doubles. */
function rstdOf(variance: ArrayLike<number>, epsilon: number): Float64Array {
  return Float64Array.from({ length: variance.length }, (_, j) => 1 / Math.sqrt(variance[j]! + epsilon));
}

/**
 * The arithmetic of the `batchNormTrain` kernels that backends register for `@neuralkit/model`:
 * the batch statistics in two passes (the mean, then squared deviations from it, which stay
 * accurate where Σx² − n·mean² would cancel), then the normalized rows.
 */
export function batchNormTrainRows(batch: BatchNormTrainRows): void {
  const { x, gamma, beta, y, mean, variance, epsilon } = batch;
  const c = mean.length;
  const rows = c === 0 ? 0 : x.length / c;
  const sum = channelSums(rows, c, (o) => x[o]!);
  const m = sum.map((s) => s / rows);
  const squares = channelSums(rows, c, (o, j) => (x[o]! - m[j]!) ** 2);
  for (let j = 0; j < c; j++) {
    mean[j] = m[j]!;
    variance[j] = squares[j]! / rows;
  }
  const rstd = rstdOf(variance, epsilon);
  const scale = rstd.map((r, j) => r * (gamma ? gamma[j]! : 1));
  for (let i = 0, o = 0; i < rows; i++, o += c) {
    for (let j = 0; j < c; j++) y[o + j] = (x[o + j]! - mean[j]!) * scale[j]! + (beta ? beta[j]! : 0);
  }
}

/**
 * The gradient of `batchNormTrainRows`'s y through the batch statistics, with xhat = (x − mean)·rstd
 * and rstd = 1 / sqrt(variance + epsilon): dbeta = Σ dy, dgamma = Σ dy·xhat and
 * dx = gamma·rstd·(dy − dbeta/rows − xhat·dgamma/rows).
 */
export function batchNormGradRows(batch: BatchNormGradRows): void {
  const { dy, x, mean, gamma, dx, dgamma, dbeta } = batch;
  const c = mean.length;
  const rows = c === 0 ? 0 : x.length / c;
  const rstd = rstdOf(batch.variance, batch.epsilon);
  const sumDy = channelSums(rows, c, (o) => dy[o]!);
  const sumDyXhat = channelSums(rows, c, (o, j) => dy[o]! * (x[o]! - mean[j]!) * rstd[j]!);
  for (let j = 0; j < c; j++) {
    dbeta[j] = sumDy[j]!;
    dgamma[j] = sumDyXhat[j]!;
  }
  const k = rstd.map((r, j) => r * (gamma ? gamma[j]! : 1));
  for (let i = 0, o = 0; i < rows; i++, o += c) {
    for (let j = 0; j < c; j++) {
      const xhat = (x[o + j]! - mean[j]!) * rstd[j]!;
      dx[o + j] = k[j]! * (dy[o + j]! - sumDy[j]! / rows - xhat * (sumDyXhat[j]! / rows));
    }
  }
}
