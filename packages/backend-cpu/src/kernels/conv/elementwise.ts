/**
 * The element-wise work around a convolution in a training step, as plain loops: tfjs-backend-cpu
 * sums a bias gradient over the leading axes by transposing the whole tensor first, and runs the
 * bias add, relu and relu's gradient (`dy · step(y)`) through per-element callbacks with
 * broadcasting index arithmetic.
 */

/** Sums `[rows, cols]` over its rows (a bias gradient: every axis but the channels). */
export function sumRows(x: Float32Array, rows: number, cols: number): Float32Array {
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const at = r * cols;
    for (let c = 0; c < cols; c++) acc[c] = acc[c]! + x[at + c]!;
  }
  return Float32Array.from(acc);
}

/** `a · b` for two arrays of one shape. */
export function multiply(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
  return out;
}

/** `a + b` where `b` repeats along `a` (`b`'s length divides `a`'s: a bias over the last axes). */
export function addRepeated(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  const n = b.length;
  for (let i = 0; i < a.length; i += n) for (let j = 0; j < n; j++) out[i + j] = a[i + j]! + b[j]!;
  return out;
}

/** `max(x, 0)`, NaN stays NaN. */
export function relu(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v < 0 ? 0 : v;
  }
  return out;
}

/** tfjs's `step`: 1 where x > 0, `alpha` elsewhere, NaN stays NaN. */
export function step(x: Float32Array, alpha: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? 1 : v !== v ? NaN : alpha;
  }
  return out;
}
