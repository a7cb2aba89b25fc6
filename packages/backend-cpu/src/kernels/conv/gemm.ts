/**
 * The two matrix products the convolution kernels need, on row-major Float32Arrays. Both are
 * written so that the innermost loop walks memory in order and keeps several sums in
 * registers (four outputs, or four input rows, per pass), which is what makes plain
 * JavaScript fast here: tfjs-backend-cpu's direct loops reload every operand per product.
 */

/** `out[r, j] = Σ_t a[r, t] · b[j, t]` for `rows` rows of `a` (`a · bᵀ`), `b` holding `cols` rows. */
export function multiplyTransposed(
  a: Float32Array,
  rows: number,
  depth: number,
  b: Float32Array,
  cols: number,
  out: Float32Array,
  outOffset = 0,
): void {
  const cols4 = cols - (cols % 4);
  for (let r = 0; r < rows; r++) {
    const ar = r * depth;
    const or = outOffset + r * cols;
    for (let j = 0; j < cols4; j += 4) {
      const b0 = j * depth;
      const b1 = b0 + depth;
      const b2 = b1 + depth;
      const b3 = b2 + depth;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < depth; t++) {
        const av = a[ar + t]!;
        s0 += av * b[b0 + t]!;
        s1 += av * b[b1 + t]!;
        s2 += av * b[b2 + t]!;
        s3 += av * b[b3 + t]!;
      }
      out[or + j] = s0;
      out[or + j + 1] = s1;
      out[or + j + 2] = s2;
      out[or + j + 3] = s3;
    }
    for (let j = cols4; j < cols; j++) {
      const bj = j * depth;
      let s = 0;
      for (let t = 0; t < depth; t++) s += a[ar + t]! * b[bj + t]!;
      out[or + j] = s;
    }
  }
}

/** `acc[k, f] += Σ_r a[r, k] · d[r, f]` over `rows` rows (`acc += aᵀ · d`), four rows per pass. */
export function accumulateTransposedProduct(
  a: Float32Array,
  rows: number,
  depth: number,
  d: Float32Array,
  dOffset: number,
  cols: number,
  acc: Float32Array | Float64Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = r * depth;
    const d0 = dOffset + r * cols;
    const d1 = d0 + cols;
    const d2 = d1 + cols;
    const d3 = d2 + cols;
    for (let k = 0; k < depth; k++) {
      const x0 = a[a0 + k]!;
      const x1 = a[a0 + depth + k]!;
      const x2 = a[a0 + 2 * depth + k]!;
      const x3 = a[a0 + 3 * depth + k]!;
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue; // common after relu
      const row = k * cols;
      for (let f = 0; f < cols; f++) {
        acc[row + f] = acc[row + f]! + x0 * d[d0 + f]! + x1 * d[d1 + f]! + x2 * d[d2 + f]! + x3 * d[d3 + f]!;
      }
    }
  }
  for (; r < rows; r++) {
    const ar = r * depth;
    const dr = dOffset + r * cols;
    for (let k = 0; k < depth; k++) {
      const x = a[ar + k]!;
      if (x === 0) continue;
      const row = k * cols;
      for (let f = 0; f < cols; f++) acc[row + f] = acc[row + f]! + x * d[dr + f]!;
    }
  }
}
