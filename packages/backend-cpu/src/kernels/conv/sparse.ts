/**
 * Products for a sparse left factor. A convolution's output gradient in a convnet is mostly
 * zeros: max pooling passes back one value in four, relu drops about half of the rest. These
 * loops skip the zeros (the dense products do all the work), so they pay off below about
 * 40 % non-zeros; `density` decides.
 */

/** The share of non-zero values in `values[from, to)`. */
export function density(values: Float32Array, from = 0, to = values.length): number {
  let nonZero = 0;
  for (let i = from; i < to; i++) if (values[i] !== 0) nonZero++;
  return to > from ? nonZero / (to - from) : 0;
}

/** Below this density the sparse loops are faster than the dense ones. */
export const SPARSE_BELOW = 0.4;

export interface SparseProduct {
  /** `rows × inner`, mostly zeros, read from `sOffset` */
  s: Float32Array;
  sOffset: number;
  rows: number;
  inner: number;
  /** `inner × width` */
  m: Float32Array;
  width: number;
  /** `rows × width`, added to */
  out: Float64Array;
}

/** `out[r, :] += Σ_j s[r, j] · m[j, :]` over the non-zero `s[r, j]`. */
export function addSparseTimes({ s, sOffset, rows, inner, m, width, out }: SparseProduct): void {
  for (let r = 0; r < rows; r++) {
    const sr = sOffset + r * inner;
    const o = r * width;
    for (let j = 0; j < inner; j++) {
      const v = s[sr + j]!;
      if (v === 0) continue;
      const mj = j * width;
      for (let k = 0; k < width; k++) out[o + k] = out[o + k]! + v * m[mj + k]!;
    }
  }
}

/** `out[j, :] += Σ_r s[r, j] · m[r, :]` (`sᵀ · m`) over the non-zero `s[r, j]`. */
export function addSparseTransposedTimes({ s, sOffset, rows, inner, m, width, out }: SparseProduct): void {
  for (let r = 0; r < rows; r++) {
    const sr = sOffset + r * inner;
    const mr = r * width;
    for (let j = 0; j < inner; j++) {
      const v = s[sr + j]!;
      if (v === 0) continue;
      const o = j * width;
      for (let k = 0; k < width; k++) out[o + k] = out[o + k]! + v * m[mr + k]!;
    }
  }
}
