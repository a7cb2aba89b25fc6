import { arrayDataset, parseIdx, type ArrayDataset } from '@neuralkit/data';
import { fetchWithProgress } from './fetch-progress.js';

/** MNIST as the page uses it: datasets for training and testing, and the raw test bytes for display. */
export interface MnistAssets {
  /** Labels as class indices, for sparse_categorical_crossentropy. */
  train: ArrayDataset;
  test: ArrayDataset;
  /** The same with one-hot labels (keras.utils.to_categorical), for the other losses; made on first use. */
  oneHot(): { train: ArrayDataset; test: ArrayDataset };
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** Labels as one-hot rows of `classes` floats. */
export function toCategorical(labels: ArrayLike<number>, classes = 10): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + (labels[i] ?? 0)] = 1;
  return out;
}

const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/**
 * Fetches the four gzip files the build copied beside the page, then decodes them (0–255 → 0–1).
 * `testDigits` keeps the first that many test digits (all 10,000 by default).
 */
export async function loadMnistAssets(onProgress: (fraction: number) => void, testDigits?: number): Promise<MnistAssets> {
  const urls = FILES.map((name) => new URL(`mnist/${name}.gz`, document.baseURI).href);
  const files = await fetchWithProgress(urls, onProgress);
  const [trainX, trainY, fullTestX, fullTestY] = await Promise.all(
    files.map(async (bytes, i) => (await parseIdx(bytes, { source: urls[i] })).data as Uint8Array),
  );
  if (!trainX || !trainY || !fullTestX || !fullTestY) throw new Error('Expected four MNIST files, received fewer.');
  const kept = Math.min(testDigits ?? fullTestY.length, fullTestY.length);
  const testX = fullTestX.subarray(0, kept * 784);
  const testY = fullTestY.subarray(0, kept);
  const sampleShape = [28, 28];
  const dataset = (x: Uint8Array, y: Uint8Array | Float32Array) => arrayDataset({ x, y, sampleShape, scale: 1 / 255 });
  let oneHot: { train: ArrayDataset; test: ArrayDataset } | undefined;
  return {
    train: dataset(trainX, trainY),
    test: dataset(testX, testY),
    oneHot: () => (oneHot ??= { train: dataset(trainX, toCategorical(trainY)), test: dataset(testX, toCategorical(testY)) }),
    testImages: testX,
    testLabels: testY,
  };
}
