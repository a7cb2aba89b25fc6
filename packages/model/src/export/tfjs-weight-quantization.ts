import { numberToFloat16Bits } from '../quantize/float16.js';

/** The tfjs converter's weight quantization dtypes. */
export type TfjsQuantization = 'uint8' | 'uint16' | 'float16';

/** A manifest entry's `quantization`, as the tfjs converter writes it. */
export interface TfjsQuantizationSpec {
  dtype: TfjsQuantization;
  min?: number;
  scale?: number;
  original_dtype: 'float32';
}

/** numpy's `round`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The converter's affine range: `scale = (max - min) / quantMax`, and when the range holds 0,
 * `min` nudged to `-round(-min / scale) * scale` so that 0 is represented exactly. Computed in
 * float64, as numpy does with its float64 min and max.
 */
function affineRange(min: number, max: number, quantMax: number): { scale: number; min: number; max: number } {
  const scale = (max - min) / quantMax;
  if (min <= 0 && max >= 0) {
    const nudgedMin = -roundHalfEven((0 - min) / scale) * scale;
    return { scale, min: nudgedMin, max: quantMax * scale + nudgedMin };
  }
  return { scale, min, max };
}

/**
 * One weight encoded as the tfjs converter encodes it (`quantize_weights`): uint8/uint16 as
 * `round((clip(v, min, max) - min) / scale)`, float16 as IEEE half. tfjs decodes uint values as
 * `q * scale + min`.
 */
export function quantizeTfjsWeight(values: Float32Array, dtype: TfjsQuantization): { bytes: Uint8Array; quantization: TfjsQuantizationSpec } {
  if (dtype === 'float16') {
    const half = new Uint16Array(values.length);
    values.forEach((v, i) => (half[i] = numberToFloat16Bits(v)));
    return { bytes: new Uint8Array(half.buffer), quantization: { dtype, original_dtype: 'float32' } };
  }
  const quantMax = dtype === 'uint8' ? 255 : 65535;
  const out = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0 || min === max) {
    // A single value: every entry is 0, decoded as `0 * 1 + min`.
    return { bytes: new Uint8Array(out.buffer), quantization: { dtype, min: values.length ? min : 0, scale: 1, original_dtype: 'float32' } };
  }
  const range = affineRange(min, max, quantMax);
  values.forEach((v, i) => {
    const clipped = Math.min(Math.max(v, range.min), range.max);
    out[i] = roundHalfEven((clipped - range.min) / range.scale);
  });
  return { bytes: new Uint8Array(out.buffer), quantization: { dtype, min: range.min, scale: range.scale, original_dtype: 'float32' } };
}
