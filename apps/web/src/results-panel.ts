import type { Sequential } from '@neuralkit/model';
import { confusionCounts, renderConfusionMatrix } from './confusion-matrix.js';
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
    this.accuracy.value = result.accuracy.toFixed(4);
    this.accuracy.title = `loss ${result.loss.toFixed(4)} on ${data.test.length} test digits`;
    renderConfusionMatrix(this.matrix, confusionCounts(data.testLabels, result.predicted));
    const items = galleryIndices(data.testLabels, result.predicted).map((i) => ({
      pixels: data.testImages.subarray(i * 784, (i + 1) * 784),
      label: data.testLabels[i] ?? -1,
      predicted: result.predicted[i] ?? -1,
    }));
    renderGallery(this.gallery, items);
    return result.accuracy;
  }
}
