import * as tf from '@tensorflow/tfjs-core';

/**
 * A `[kh, kw, in, out]` kernel spread out by `rate` with zeros between its taps:
 * `[(kh - 1) * rate[0] + 1, (kw - 1) * rate[1] + 1, in, out]`. A convolution with it equals the
 * dilated convolution, and, unlike tfjs 4.22's conv2d with `dilations`, it has gradients.
 */
export function dilateKernel(kernel: tf.Tensor4D, rate: [number, number]): tf.Tensor4D {
  return tf.tidy(() => spread(spread(kernel, 0, rate[0]), 1, rate[1]));
}

/**
 * Each tap along `axis` followed by `r - 1` zeros: a unit axis after `axis` padded to `r`, folded
 * into `axis`, the trailing zeros sliced off. The other axes are merged first so the pad stays at
 * rank 4 or below: tfjs-backend-webgl 4.22's packed pad does not compile at rank 5.
 */
function spread(k: tf.Tensor4D, axis: 0 | 1, r: number): tf.Tensor4D {
  if (r === 1) return k;
  const [kh, kw, cin, cout] = k.shape;
  const before = axis === 0 ? [kh] : [kh, kw];
  const after = axis === 0 ? kw * cin * cout : cin * cout;
  const taps = before[axis]!;
  const padded = tf.pad(tf.reshape(k, [...before, 1, after]), [...before.map(() => [0, 0] as [number, number]), [0, r - 1], [0, 0]]);
  const folded = tf.reshape(padded, [...before.slice(0, axis), taps * r, after]);
  const kept = tf.slice(folded, folded.shape.map(() => 0), folded.shape.map((d, i) => (i === axis ? (taps - 1) * r + 1 : d)));
  const shape: [number, number, number, number] = axis === 0 ? [(taps - 1) * r + 1, kw, cin, cout] : [kh, (taps - 1) * r + 1, cin, cout];
  return tf.reshape(kept, shape);
}
