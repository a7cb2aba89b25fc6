import type { ConvGeometry } from './conv-geometry.js';

/**
 * Patch matrices of an NHWC convolution. Row `r` is output position `r` (image, out row, out
 * column, in that order); its `kh·kw·inChannels` columns are the input values under the filter,
 * in the filter's `[kh, kw, inChannels]` order, zero where the window hangs over the padding.
 * Multiplying the rows by the filter seen as a `[kh·kw·inChannels, outChannels]` matrix gives
 * the convolution. Both functions work on the rows `[first, first + count)` only, so callers
 * can go through the output in blocks that stay in cache. The arithmetic of the convolution
 * kernels of `@neuralkit/backend-cpu` and `@neuralkit/backend-wasm`, which read and write their
 * own memory.
 */
export function im2col(x: Float32Array, g: ConvGeometry, first: number, count: number, cols: Float32Array): void {
  movePatches(g, first, count, x, cols, true);
}

/** The adjoint of `im2col`: adds each patch value back onto the input position it came from. */
export function col2imAdd(cols: Float32Array | Float64Array, g: ConvGeometry, first: number, count: number, dx: Float32Array): void {
  movePatches(g, first, count, dx, cols, false);
}

/**
 * One walk over the patch cells of rows `[first, first + count)` for both directions: `toCols`
 * copies image values into the patch rows (zeros over the padding); otherwise each patch value
 * is added onto the image value it came from (padding cells are skipped). The branch is the
 * same for every cell of a call, so it costs next to nothing against the channel loop.
 */
function movePatches(
  g: ConvGeometry,
  first: number,
  count: number,
  image: Float32Array,
  cols: Float32Array | Float64Array,
  toCols: boolean,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const K = g.filterHeight * g.filterWidth * C;
  for (let i = 0; i < count; i++) {
    const r = first + i;
    const ow = r % OW;
    const oh = ((r - ow) / OW) % OH;
    const n = (r - ow - oh * OW) / (OW * OH);
    const top = oh * g.strideHeight - g.padInfo.top;
    const left = ow * g.strideWidth - g.padInfo.left;
    let at = i * K;
    for (let kh = 0; kh < g.filterHeight; kh++) {
      const ih = top + kh * g.dilationHeight;
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const iw = left + kw * g.dilationWidth;
        if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
          if (toCols) cols.fill(0, at, at + C);
        } else {
          const p = ((n * H + ih) * W + iw) * C;
          if (toCols) for (let c = 0; c < C; c++) cols[at + c] = image[p + c]!;
          else for (let c = 0; c < C; c++) image[p + c] = image[p + c]! + cols[at + c]!;
        }
        at += C;
      }
    }
  }
}
