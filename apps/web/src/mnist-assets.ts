import { arrayDataset, parseIdx, type ArrayDataset } from '@neuralkit/data';
import { fetchWithProgress } from './fetch-progress.js';

/** MNIST as the page uses it: datasets for training and testing, and the raw test bytes for display. */
export interface MnistAssets {
  train: ArrayDataset;
  test: ArrayDataset;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** Fetches the four gzip files the build copied beside the page, then decodes them (0–255 → 0–1). */
export async function loadMnistAssets(onProgress: (fraction: number) => void): Promise<MnistAssets> {
  const urls = FILES.map((name) => new URL(`mnist/${name}.gz`, document.baseURI).href);
  const files = await fetchWithProgress(urls, onProgress);
  const [trainX, trainY, testX, testY] = await Promise.all(
    files.map(async (bytes, i) => (await parseIdx(bytes, { source: urls[i] })).data as Uint8Array),
  );
  if (!trainX || !trainY || !testX || !testY) throw new Error('Expected four MNIST files, received fewer.');
  const sampleShape = [28, 28];
  return {
    train: arrayDataset({ x: trainX, y: trainY, sampleShape, scale: 1 / 255 }),
    test: arrayDataset({ x: testX, y: testY, sampleShape, scale: 1 / 255 }),
    testImages: testX,
    testLabels: testY,
  };
}
