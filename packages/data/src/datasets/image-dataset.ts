import { checkOptions } from '@neuralkit/core';
import { arrayDataset, type ArrayDataset } from '../dataset/array-dataset.js';
import type { ByteData } from './byte-data.js';
import type { DatasetSpec, LoadOptions } from './dataset-spec.js';
import { loadArrays } from './load-arrays.js';
import { toTensors, type TensorData, type TensorOptions } from './to-tensors.js';

/** The loaders every MNIST-style dataset offers. */
export interface ImageDataset {
  readonly name: string;
  /** A base URL serving the four `.gz` files (pass it as `{ url }`). */
  readonly defaultUrl: string;
  /** Keras's `load_data()`: `{ train: { x, y }, test: { x, y } }` tensors, pixels 0–255. */
  loadData(options?: LoadOptions & TensorOptions): Promise<TensorData>;
  /** The same data as bytes, without tensors (for browsers, custom pipelines, datasets). */
  loadArrays(options?: LoadOptions): Promise<ByteData>;
  /** Byte-backed training sets: batches are float32 scaled by 1/255, labels int32. */
  loadDataset(options?: LoadOptions & { scale?: number }): Promise<{ train: ArrayDataset; test: ArrayDataset }>;
}

const SOURCE_KEYS = ['dir', 'url', 'cacheDir', 'sha256'];

export function imageDataset(spec: DatasetSpec): ImageDataset {
  const check = (method: string, options: object | undefined, extra: string[] = []) =>
    checkOptions(`${spec.name}.${method}`, options, [...SOURCE_KEYS, ...extra]);
  return {
    name: spec.name,
    defaultUrl: spec.defaultUrl,
    async loadArrays(options) {
      check('loadArrays', options);
      return loadArrays(spec, options);
    },
    async loadData(options) {
      check('loadData', options, ['dtype']);
      return toTensors(await loadArrays(spec, options), options);
    },
    async loadDataset(options = {}) {
      check('loadDataset', options, ['scale']);
      const data = await loadArrays(spec, options);
      const scale = options.scale ?? 1 / 255;
      const make = (s: ByteData['train']) => arrayDataset({ x: s.x, y: s.y, sampleShape: s.xShape.slice(1), scale });
      return { train: make(data.train), test: make(data.test) };
    },
  };
}
