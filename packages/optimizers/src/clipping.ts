import * as tf from '@tensorflow/tfjs-core';

/** The clipping an optimizer applies to its gradients (at most one is set). */
export interface ClipSettings {
  clipnorm: number | null;
  clipvalue: number | null;
  globalClipnorm: number | null;
}

/** Keras's `_clip_gradients`: per-tensor norm, global norm or elementwise value. Call inside `tf.tidy`. */
export function clipGradients(grads: tf.Tensor[], clip: ClipSettings): tf.Tensor[] {
  if (clip.clipnorm !== null) return grads.map((g) => clipByNorm(g, clip.clipnorm as number));
  if (clip.globalClipnorm !== null) return clipByGlobalNorm(grads, clip.globalClipnorm);
  if (clip.clipvalue !== null) {
    const v = clip.clipvalue;
    return grads.map((g) => tf.clipByValue(g, -v, v));
  }
  return grads;
}

/** `g * c / max(||g||, c)`: unchanged when the norm is at most `c`. */
function clipByNorm(g: tf.Tensor, c: number): tf.Tensor {
  const norm = tf.sqrt(tf.sum(tf.square(g)));
  return tf.div(tf.mul(g, c), tf.maximum(norm, c));
}

/** Scales every gradient by `c * min(1 / norm, 1 / c)`; a non-finite norm makes the scale NaN, as in Keras. */
function clipByGlobalNorm(grads: tf.Tensor[], c: number): tf.Tensor[] {
  const squares = grads.map((g) => tf.sum(tf.square(g)));
  const norm = tf.sqrt(tf.addN(squares));
  const finiteScale = tf.mul(c, tf.minimum(tf.div(1, norm), 1 / c));
  const scale = tf.add(finiteScale, tf.sub(norm, norm));
  return grads.map((g) => tf.mul(g, scale));
}
