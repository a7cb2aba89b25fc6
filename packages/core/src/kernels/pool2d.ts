import type { ConvGeometry } from './conv-geometry.js';

/**
 * NHWC max and average pooling and their gradients, channels innermost so each window row is
 * read in order. Windows cover only the input (padding never counts): the average divides by
 * the number of input values under the window, as TensorFlow does. The arithmetic of the pooling
 * kernels of `@neuralkit/backend-cpu` and `@neuralkit/backend-wasm`; the gradients write into a
 * caller's `dx` (zeroed first) so an adapter can hand its own memory.
 */

interface Window {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

function window(g: ConvGeometry, oh: number, ow: number): Window {
  const top = oh * g.strideHeight - g.padInfo.top;
  const left = ow * g.strideWidth - g.padInfo.left;
  return {
    rowStart: Math.max(0, top),
    rowEnd: Math.min(g.inHeight, top + g.filterHeight),
    colStart: Math.max(0, left),
    colEnd: Math.min(g.inWidth, left + g.filterWidth),
  };
}

/** Calls `visit(n, w, outIndex)` for every output position, `outIndex` pointing at its channel 0. */
function forEachWindow(g: ConvGeometry, visit: (n: number, w: Window, outIndex: number) => void): void {
  let o = 0;
  for (let n = 0; n < g.batchSize; n++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      for (let ow = 0; ow < g.outWidth; ow++, o += g.inChannels) visit(n, window(g, oh, ow), o);
    }
  }
}

export function maxPoolNhwc(x: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  const out = new Float32Array(g.batchSize * g.outHeight * g.outWidth * C).fill(-Infinity);
  forEachWindow(g, (n, w, o) => {
    for (let ih = w.rowStart; ih < w.rowEnd; ih++) {
      for (let iw = w.colStart; iw < w.colEnd; iw++) {
        const at = ((n * H + ih) * W + iw) * C;
        for (let c = 0; c < C; c++) if (x[at + c]! > out[o + c]!) out[o + c] = x[at + c]!;
      }
    }
  });
  return out;
}

/**
 * Sends each `dy` value to the first maximum of its window (row-major), as tfjs-backend-cpu does.
 * All channels of a window are searched together, reading the input in memory order.
 */
export function maxPoolGradNhwc(dy: Float32Array, x: Float32Array, g: ConvGeometry, dx: Float32Array): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  dx.fill(0);
  const best = new Float32Array(C);
  const at = new Int32Array(C);
  forEachWindow(g, (n, w, o) => {
    best.fill(-Infinity);
    at.fill(-1);
    for (let ih = w.rowStart; ih < w.rowEnd; ih++) {
      for (let iw = w.colStart; iw < w.colEnd; iw++) {
        const base = ((n * H + ih) * W + iw) * C;
        for (let c = 0; c < C; c++) {
          const v = x[base + c]!;
          if (v > best[c]!) {
            best[c] = v;
            at[c] = base + c;
          }
        }
      }
    }
    for (let c = 0; c < C; c++) if (at[c]! >= 0) dx[at[c]!] = dx[at[c]!]! + dy[o + c]!;
  });
  return dx;
}

export function avgPoolNhwc(x: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  const out = new Float32Array(g.batchSize * g.outHeight * g.outWidth * C);
  const sum = new Float64Array(C);
  forEachWindow(g, (n, w, o) => {
    sum.fill(0);
    for (let ih = w.rowStart; ih < w.rowEnd; ih++) {
      for (let iw = w.colStart; iw < w.colEnd; iw++) {
        const at = ((n * H + ih) * W + iw) * C;
        for (let c = 0; c < C; c++) sum[c] = sum[c]! + x[at + c]!;
      }
    }
    const count = (w.rowEnd - w.rowStart) * (w.colEnd - w.colStart);
    for (let c = 0; c < C; c++) out[o + c] = sum[c]! / count;
  });
  return out;
}

/** Spreads each `dy` value evenly over the input values its window averaged. */
export function avgPoolGradNhwc(dy: Float32Array, g: ConvGeometry, dx: Float32Array): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  dx.fill(0);
  forEachWindow(g, (n, w, o) => {
    const share = 1 / ((w.rowEnd - w.rowStart) * (w.colEnd - w.colStart));
    for (let ih = w.rowStart; ih < w.rowEnd; ih++) {
      for (let iw = w.colStart; iw < w.colEnd; iw++) {
        const at = ((n * H + ih) * W + iw) * C;
        for (let c = 0; c < C; c++) dx[at + c] = dx[at + c]! + dy[o + c]! * share;
      }
    }
  });
  return dx;
}
