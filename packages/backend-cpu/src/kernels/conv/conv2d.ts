import { im2col, type ConvGeometry } from '@neuralkit/core';
import { multiplyTransposed, transpose } from './gemm.js';

/** What a fused convolution applies after the product: a bias per output channel, then relu. */
export interface Epilogue {
  bias?: Float32Array;
  relu: boolean;
}

/** About 64 KiB of patch rows per block: the block and the filter stay in cache together. */
export function blockRows(depth: number): number {
  return Math.max(4, Math.floor(16384 / depth));
}

/**
 * NHWC convolution `x * filter` (filter `[kh, kw, inChannels, outChannels]`) as patch rows
 * times the filter matrix, a block of output positions at a time, then the epilogue.
 */
export function conv2d(x: Float32Array, filter: Float32Array, g: ConvGeometry, epilogue?: Epilogue): Float32Array {
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  const channels = g.outChannels;
  const rows = g.batchSize * g.outHeight * g.outWidth;
  const filterT = transpose(filter, depth, channels);
  const out = new Float32Array(rows * channels);
  const block = blockRows(depth);
  const cols = new Float32Array(block * depth);
  for (let first = 0; first < rows; first += block) {
    const count = Math.min(block, rows - first);
    im2col(x, g, first, count, cols);
    multiplyTransposed({ a: cols, rows: count, depth, b: filterT, cols: channels, out, outOffset: first * channels });
  }
  if (epilogue) applyEpilogue(out, channels, epilogue);
  return out;
}

function applyEpilogue(out: Float32Array, channels: number, { bias, relu }: Epilogue): void {
  const single = bias !== undefined && bias.length === 1;
  for (let i = 0; i < out.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      let v = out[i + c]!;
      if (bias !== undefined) v += single ? bias[0]! : bias[c]!;
      out[i + c] = relu && v < 0 ? 0 : v;
    }
  }
}
