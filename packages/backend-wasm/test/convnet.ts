import * as tf from '@tensorflow/tfjs-core';
import { seeded } from './conv-reference.js';

/**
 * Keras's MNIST convnet in small (Conv2D 8 3×3 relu fused with its bias, MaxPool 2, Conv2D 16
 * 3×3 then bias and relu as separate ops, MaxPool 2, Flatten, a fixed Dropout 0.5 mask, Dense 10,
 * softmax crossentropy), trained with SGD on one seeded batch. Returns the weights after
 * `steps` steps and the tensor count before and after (the run keeps nothing).
 */
export async function trainConvnet(steps: number, batch = 8): Promise<{ weights: Float32Array[]; leaked: number }> {
  const before = tf.memory().numTensors;
  const shapes: number[][] = [[3, 3, 1, 8], [8], [3, 3, 8, 16], [16], [400, 10], [10]];
  const weights = shapes.map((shape, i) =>
    tf.tidy(() => tf.variable(tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), 10 + i).map((v) => v * 0.3), shape))),
  );
  const [w1, b1, w2, b2, w3, b3] = weights as [tf.Variable<tf.Rank.R4>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R4>, tf.Variable, tf.Variable<tf.Rank.R2>, tf.Variable];
  const x = tf.tensor4d(seeded(batch * 28 * 28, 1).map(Math.abs), [batch, 28, 28, 1]);
  const labels = Array.from(seeded(batch, 2), (v) => Math.floor((v + 1) * 5));
  const y = tf.tensor2d(labels.flatMap((label) => Array.from({ length: 10 }, (_, k) => (k === label ? 1 : 0))), [batch, 10]);
  const mask = tf.tensor2d(seeded(batch * 400, 3).map((v) => (v > 0 ? 2 : 0)), [batch, 400]);
  const optimizer = tf.train.sgd(0.05);
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => {
      const c1 = tf.fused.conv2d({ x, filter: w1, bias: b1, activation: 'relu', strides: 1, pad: 'valid' });
      const p1 = tf.maxPool(c1, 2, 2, 'valid');
      const c2 = tf.relu(tf.add(tf.conv2d(p1, w2, 1, 'valid'), b2));
      const p2 = tf.maxPool(c2 as tf.Tensor4D, 2, 2, 'valid');
      const logits = tf.add(tf.matMul(tf.mul(tf.reshape(p2, [batch, 400]), mask), w3), b3);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    });
  }
  const values = await Promise.all(weights.map(async (w) => Float32Array.from(await w.data())));
  optimizer.dispose();
  tf.dispose([...weights, x, y, mask]);
  return { weights: values, leaked: tf.memory().numTensors - before };
}
