import { blockRows } from './conv2d.js';
import { accumulateTransposedProduct, multiplyTransposed } from './gemm.js';
import type { ConvGeometry } from './geometry.js';
import { col2imAdd, im2col } from './im2col.js';

/**
 * Gradient of an NHWC convolution with respect to its input: each block of `dy` rows times the
 * filter matrix transposed gives patch gradients, which go back onto the input positions
 * they were read from.
 */
export function conv2dBackpropInput(dy: Float32Array, filter: Float32Array, g: ConvGeometry): Float32Array {
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const channels = g.outChannels;
  const rows = g.batchSize * g.outHeight * g.outWidth;
  const dx = new Float32Array(g.batchSize * g.inHeight * g.inWidth * g.inChannels);
  const block = blockRows(depth);
  const cols = new Float32Array(block * depth);
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    multiplyTransposed(dy.subarray(first * channels), count, channels, filter, depth, cols);
    col2imAdd(cols, g, first, count, dx);
  }
  return dx;
}

/**
 * Gradient of an NHWC convolution with respect to its filter: patch rowsᵀ · `dy`, summed a
 * block at a time in float64 (the sum runs over every output position of the batch).
 */
export function conv2dBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const channels = g.outChannels;
  const rows = g.batchSize * g.outHeight * g.outWidth;
  const acc = new Float64Array(depth * channels);
  const block = blockRows(depth);
  const cols = new Float32Array(block * depth);
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    im2col(x, g, first, count, cols);
    accumulateTransposedProduct(cols, count, depth, dy, first * channels, channels, acc);
  }
  return Float32Array.from(acc);
}
