import * as tf from '@tensorflow/tfjs-core';

/**
 * `dL/dz` from `dL/dy` for `y = act(z)`, written with the output `y` as tfjs's own gradients are
 * (so the direct step equals the taped one): relu `dy · step(y)`, sigmoid `dy · y(1 − y)`,
 * tanh `dy · (1 − y²)`, linear `dy`.
 */
const GRADIENTS: Record<string, (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor> = {
  linear: (dy) => dy,
  relu: (dy, y) => tf.mul(dy, tf.step(y)),
  sigmoid: (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(tf.scalar(1), y))),
  tanh: (dy, y) => tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy),
};

export function hasActivationGradient(name: string): boolean {
  return name in GRADIENTS;
}

export function activationGradient(name: string, dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const gradient = GRADIENTS[name];
  if (!gradient) throw new Error(`No direct gradient for activation "${name}".`);
  return gradient(dy, y);
}
