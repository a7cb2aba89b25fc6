import { col2imAdd, im2col, type ConvGeometry } from '@neuralkit/core';
import { blockRows } from './conv2d.js';
import { multiplyTransposed, transpose } from './gemm.js';
import { addSparseTimes, addSparseTransposedTimes, density, SPARSE_BELOW } from './sparse.js';

const sizes = (g: ConvGeometry) => ({
  depth: g.filterHeight * g.filterWidth * g.inChannels,
  channels: g.outChannels,
  rows: g.batchSize * g.outHeight * g.outWidth,
});

/**
 * Gradient of an NHWC convolution with respect to its input: each block of `dy` rows times the
 * filter matrix transposed gives patch gradients, which go back onto the input positions
 * they were read from.
 */
export function conv2dBackpropInput(dy: Float32Array, filter: Float32Array, g: ConvGeometry): Float32Array {
  const { depth, channels, rows } = sizes(g);
  const dx = new Float32Array(g.batchSize * g.inHeight * g.inWidth * g.inChannels);
  const block = blockRows(depth);
  const sparse = density(dy) < SPARSE_BELOW;
  const filterT = sparse ? transpose(filter, depth, channels) : filter; // [channels, depth]
  const cols = new Float32Array(block * depth);
  const sums = new Float64Array(sparse ? block * depth : 0);
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    if (sparse) {
      sums.fill(0);
      addSparseTimes({ s: dy, sOffset: first * channels, rows: count, inner: channels, m: filterT, width: depth, out: sums });
      col2imAdd(sums, g, first, count, dx);
    } else {
      const dyRows = dy.subarray(first * channels, (first + count) * channels);
      multiplyTransposed({ a: dyRows, rows: count, depth: channels, b: filter, cols: depth, out: cols });
      col2imAdd(cols, g, first, count, dx);
    }
  }
  return dx;
}

/**
 * Gradient of an NHWC convolution with respect to its filter, `patchesᵀ · dy`, a block of
 * output positions at a time, summed in float64 across the batch as `dyᵀ · patches`
 * (`[outChannels, depth]`): dense, the block's `dy` and patch rows are transposed so the product
 * runs over positions in memory order; sparse, each non-zero `dy` value adds its patch row.
 */
export function conv2dBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
  const { depth, channels, rows } = sizes(g);
  const accT = new Float64Array(channels * depth);
  const block = blockRows(depth);
  const sparse = density(dy) < SPARSE_BELOW;
  const cols = new Float32Array(block * depth);
  const colsT = new Float32Array(sparse ? 0 : block * depth);
  const dyT = new Float32Array(sparse ? 0 : block * channels);
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    im2col(x, g, first, count, cols);
    if (sparse) {
      addSparseTransposedTimes({ s: dy, sOffset: first * channels, rows: count, inner: channels, m: cols, width: depth, out: accT });
    } else {
      transpose(cols.subarray(0, count * depth), count, depth, colsT);
      transpose(dy.subarray(first * channels, (first + count) * channels), count, channels, dyT);
      multiplyTransposed({ a: dyT, rows: channels, depth: count, b: colsT, cols: depth, out: accT, accumulate: true });
    }
  }
  const out = new Float32Array(depth * channels);
  for (let f = 0; f < channels; f++) for (let k = 0; k < depth; k++) out[k * channels + f] = accT[f * depth + k]!;
  return out;
}
