import * as tf from '@tensorflow/tfjs-core';

/**
 * A `[kh, kw, in, out]` kernel spread out by `rate` with zeros between its taps:
 * `[(kh - 1) * rate[0] + 1, (kw - 1) * rate[1] + 1, in, out]`. A convolution with it equals the
 * dilated convolution, and, unlike tfjs 4.22's conv2d with `dilations`, it has gradients.
 */
export function dilateKernel(kernel: tf.Tensor4D, rate: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    let k: tf.Tensor = kernel;
    for (const axis of [0, 1]) {
      const r = rate[axis]!;
      if (r === 1) continue;
      const shape = k.shape;
      const taps = shape[axis]!;
      // Each tap followed by r - 1 zero rows: add an axis of length 1 after `axis`, pad it to r, fold.
      const expanded = tf.expandDims(k, axis + 1);
      const padding = expanded.shape.map((_, i) => (i === axis + 1 ? [0, r - 1] : [0, 0])) as Array<[number, number]>;
      const folded = tf.reshape(tf.pad(expanded, padding), shape.map((d, i) => (i === axis ? d * r : d)));
      k = tf.slice(folded, shape.map(() => 0), shape.map((d, i) => (i === axis ? (taps - 1) * r + 1 : d)));
    }
    return k as tf.Tensor4D;
  });
}
