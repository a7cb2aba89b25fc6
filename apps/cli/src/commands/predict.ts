import * as tf from '@tensorflow/tfjs-core';
import { digitImage } from '@neuralkit/data';
import { readImage } from '../image/decode-image.js';
import { loadSavedModel } from '../libraries.js';
import { digitShape } from '../model-input.js';
import type { Output } from '../output.js';
import { selectBackend } from '../select-backend.js';

export interface PredictOptions {
  backend: string;
}

/** `neuralkit predict MODEL IMAGE...`: each image made MNIST-like, then classified. */
export async function predictCommand(out: Output, path: string, images: string[], options: PredictOptions): Promise<void> {
  const digits = await Promise.all(images.map(async (file) => digitImage(await readImage(file))));
  await selectBackend(options.backend);
  const model = await loadSavedModel(path);
  const batch = new Float32Array(digits.length * 784);
  digits.forEach((d, i) => batch.set(d, i * 784));
  const x = tf.tensor(batch, [digits.length, ...digitShape(model)]);
  const probs = await model.predict(x, { verbose: 0 });
  const rows = (await probs.array()) as number[][];
  tf.dispose([x, probs]);
  rows.forEach((p, i) => {
    const label = p.indexOf(Math.max(...p));
    const probabilities = p.map((v) => Number(v.toFixed(6)));
    out.record({ image: images[i], label, probabilities });
    out.say(`${images[i]}: ${label} (${(p[label]! * 100).toFixed(1)}%)  ${p.map((v, d) => `${d}:${v.toFixed(2)}`).join(' ')}`);
  });
}
