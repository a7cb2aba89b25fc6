/**
 * Real Keras MNIST files from public repositories (test/fixtures/corpus, sources in its README):
 * each loads and predicts, for the first MNIST test images, what an independent NumPy rebuild of
 * the file's layers predicts (reference.py → reference.json). Files whose layers neuralkit does
 * not have yet are skipped with the reason, and run by themselves once the layer is registered.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { layerRegistry, loadModel, type Sequential } from '@neuralkit/model';
import { beforeAll, describe, expect, it } from 'vitest';
import '../src/index.js';
import { mnistTestSet } from './fixtures.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/corpus');
interface Reference {
  keras_version: string;
  class_name: string;
  layers: string[];
  count: number;
  argmax: number[];
  outputs: number[][];
}
const references = JSON.parse(readFileSync(join(CORPUS, 'reference.json'), 'utf8')) as Record<string, Reference>;

/** How each file's samples are shaped for its first layer. */
const SAMPLE_SHAPES: Record<string, number[]> = {
  'lousens_conv_channels_first_keras2.1.6.h5': [1, 28, 28],
  'divya_dense_keras3.10.0.keras': [28, 28],
};

beforeAll(() => useBackend(cpuBackend()));

function missingLayers(reference: Reference): string[] {
  return [...new Set(reference.layers.filter((c) => !layerRegistry.has(c)))];
}

describe('corpus of real Keras MNIST files', () => {
  for (const [file, reference] of Object.entries(references)) {
    const missing = missingLayers(reference);
    const title = `${file} (Keras ${reference.keras_version}, ${reference.class_name}: ${reference.layers.join(' → ')}) predicts as the NumPy rebuild`;
    // Skipped until the layers exist (Conv2D and pooling come with the convnet layers); the test enables itself then.
    it.skipIf(missing.length > 0)(missing.length ? `${title} — skipped: neuralkit has no ${missing.join(', ')} layer yet` : title, async () => {
      const model = (await loadModel(join(CORPUS, file), { compile: false })) as Sequential;
      const { x } = mnistTestSet();
      const shape = SAMPLE_SHAPES[file];
      expect(shape, `sample shape of ${file}`).toBeDefined();
      const input = tf.tensor(x.subarray(0, reference.count * 784), [reference.count, ...shape!]);
      const output = await model.predict(input);
      const values = await output.array() as number[][];
      expect(values.map((row) => row.indexOf(Math.max(...row)))).toEqual(reference.argmax);
      values.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(reference.outputs[i]![j]!, 5)));
      tf.dispose([input, output]);
      model.dispose();
    });
  }
});
