/**
 * The matrix product the convolution kernels need, `a · bᵀ` on row-major arrays, written so
 * that the innermost loop walks both operands in memory order and keeps eight sums in
 * registers (two rows of `a` against four rows of `b`): six loads per eight products, where
 * tfjs-backend-cpu's direct loops load two per product.
 */

export interface Product {
  /** `rows × depth` */
  a: Float32Array;
  rows: number;
  depth: number;
  /** `cols × depth` */
  b: Float32Array;
  cols: number;
  /** `rows × cols`, written from `outOffset` */
  out: Float32Array | Float64Array;
  outOffset?: number;
  /** Add to `out` instead of overwriting it. */
  accumulate?: boolean;
}

/** `out[r, j] (+)= Σ_t a[r, t] · b[j, t]`. */
export function multiplyTransposed(p: Product): void {
  const { a, rows, depth, b, cols, out, outOffset = 0, accumulate = false } = p;
  const keep = accumulate ? 1 : 0;
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const a0 = r * depth;
    const a1 = a0 + depth;
    const o0 = outOffset + r * cols;
    const o1 = o0 + cols;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const b0 = j * depth;
      const b1 = b0 + depth;
      const b2 = b1 + depth;
      const b3 = b2 + depth;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
      for (let t = 0; t < depth; t++) {
        const x0 = a[a0 + t]!;
        const x1 = a[a1 + t]!;
        const y0 = b[b0 + t]!;
        const y1 = b[b1 + t]!;
        const y2 = b[b2 + t]!;
        const y3 = b[b3 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      out[o0 + j] = keep * out[o0 + j]! + s00;
      out[o0 + j + 1] = keep * out[o0 + j + 1]! + s01;
      out[o0 + j + 2] = keep * out[o0 + j + 2]! + s02;
      out[o0 + j + 3] = keep * out[o0 + j + 3]! + s03;
      out[o1 + j] = keep * out[o1 + j]! + s10;
      out[o1 + j + 1] = keep * out[o1 + j + 1]! + s11;
      out[o1 + j + 2] = keep * out[o1 + j + 2]! + s12;
      out[o1 + j + 3] = keep * out[o1 + j + 3]! + s13;
    }
    for (; j < cols; j++) {
      out[o0 + j] = keep * out[o0 + j]! + dot(a, a0, b, j * depth, depth);
      out[o1 + j] = keep * out[o1 + j]! + dot(a, a1, b, j * depth, depth);
    }
  }
  for (; r < rows; r++) {
    const o = outOffset + r * cols;
    for (let j = 0; j < cols; j++) out[o + j] = keep * out[o + j]! + dot(a, r * depth, b, j * depth, depth);
  }
}

function dot(a: Float32Array, aAt: number, b: Float32Array, bAt: number, depth: number): number {
  let s = 0;
  for (let t = 0; t < depth; t++) s += a[aAt + t]! * b[bAt + t]!;
  return s;
}

/** `[rows, cols]` → `[cols, rows]`, into `out` when given. */
export function transpose(m: Float32Array, rows: number, cols: number, out = new Float32Array(rows * cols)): Float32Array {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}
