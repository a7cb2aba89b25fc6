// Saves over one model file again and again until it is killed: the kill -9 test's child process.
// `node save-loop-child.mjs h5|json|checkpoint <path>`: first saves model A (all weights 1) if the
// file is missing, prints "ready", then alternates B (all weights 2) and A, or, for `checkpoint`,
// trains with ModelCheckpoint saving after every batch; prints "saved" after each save.
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import '@neuralkit/h5';
import { Callback, ModelCheckpoint, layers, saveModel, sequential } from '@neuralkit/model';
import { existsSync } from 'node:fs';

const [kind, path] = process.argv.slice(2);
await useBackend(cpuBackend());

const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 64, activation: 'relu' }), layers.dense({ units: 10, activation: 'softmax' })]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });

function fill(value) {
  for (const layer of model.layers) for (const w of layer.weights) w.variable.assign(tf.fill(w.variable.shape, value));
}

if (!existsSync(path)) {
  fill(1);
  await saveModel(model, path);
}
process.stdout.write('ready\n');

if (kind === 'checkpoint') {
  const x = tf.randomUniform([64, 28, 28]);
  const y = tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), 'float32');
  const checkpoint = new ModelCheckpoint({ filepath: path, saveFreq: 1 });
  // Runs after the checkpoint's own batch-end save, so each line marks one completed save.
  class SavedLine extends Callback {
    async onTrainBatchEnd() {
      process.stdout.write('saved\n');
    }
  }
  for (;;) await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0, callbacks: [checkpoint, new SavedLine()] });
}
for (let i = 0; ; i++) {
  fill(i % 2 === 0 ? 2 : 1);
  await saveModel(model, path);
  process.stdout.write('saved\n');
}
