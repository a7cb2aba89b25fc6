import type { ConvGeometry } from './geometry.js';

/**
 * Gradients of NHWC max and average pooling, written into a heap output. tfjs-backend-wasm
 * 4.22's MaxPoolGrad gives wrong values, and its AvgPoolGrad divides by the whole window where
 * the forward pass averaged fewer values (padding); TensorFlow divides by the values averaged.
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

/**
 * Sends each `dy` value to the first maximum of its window (row-major), as tfjs-backend-cpu does.
 * All channels of a window are searched together, reading the input in memory order.
 */
export function maxPoolGrad(dy: Float32Array, x: Float32Array, g: ConvGeometry, dx: Float32Array): void {
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
}

/** Spreads each `dy` value evenly over the input values its window averaged. */
export function avgPoolGrad(dy: Float32Array, g: ConvGeometry, dx: Float32Array): void {
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
}
