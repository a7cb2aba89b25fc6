import * as tf from '@tensorflow/tfjs-core';
import { metrics, type Sequential } from '@neuralkit/model';
import { renderConfusionMatrix } from './confusion-matrix.js';
import { byId } from './dom.js';
import { evaluateOnTest, takesClassIndices } from './evaluation.js';
import { galleryIndices, renderGallery } from './gallery.js';
import type { MnistAssets } from './mnist-assets.js';

/** Test accuracy, confusion matrix and a gallery of test digits for the current model. */
export class ResultsPanel {
  private readonly accuracy = byId('test-accuracy', HTMLOutputElement);
  private readonly matrix = byId('confusion-matrix', HTMLDivElement);
  private readonly gallery = byId('gallery', HTMLDivElement);

  clear(): void {
    this.accuracy.value = '–';
    this.gallery.replaceChildren();
  }

  async show(model: Sequential, data: MnistAssets): Promise<number> {
    this.accuracy.value = 'evaluating…';
    const test = takesClassIndices(model) ? data.test : data.oneHot().test;
    const result = await evaluateOnTest(model, test);
    const counts = tf.tidy(() =>
      metrics.confusionMatrix(tf.tensor1d(Int32Array.from(data.testLabels)), tf.tensor1d(result.predicted), 10),
    );
    const confusion = (await counts.array()) as number[][];
    counts.dispose();
    // The accuracy, matrix and gallery appear together: the accuracy is what readers wait for.
    this.accuracy.value = result.accuracy.toFixed(4);
    this.accuracy.title = `loss ${result.loss.toFixed(4)} on ${data.test.length} test digits`;
    renderConfusionMatrix(this.matrix, confusion);
    const items = galleryIndices(data.testLabels, result.predicted).map((i) => ({
      pixels: data.testImages.subarray(i * 784, (i + 1) * 784),
      label: data.testLabels[i] ?? -1,
      predicted: result.predicted[i] ?? -1,
    }));
    renderGallery(this.gallery, items);
    return result.accuracy;
  }
}
