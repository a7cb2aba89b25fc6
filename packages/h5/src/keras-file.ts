/** One stored weight: row-major values and their shape (Dense kernels are `[in, out]`). */
export interface StoredWeight {
  /** The name Keras stored (`dense/kernel:0`, `sequential/dense/kernel`, `vars/0`). */
  name: string;
  shape: number[];
  /** How the file stores it; int8 values and float16-rounded values are held as float32 numbers here. */
  dtype: 'float32' | 'int8' | 'float16';
  data: Float32Array;
}

/** One optimizer variable; the iteration counter is an int64 scalar in every Keras generation. */
export interface StoredOptimizerWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int64';
  /** Float values; for `int64` the integers as doubles (exact up to 2^53). */
  data: Float32Array | Float64Array;
}

/** One entry of `model.layers` (the InputLayer excluded, as Keras does) and its weights, in order. */
export interface StoredLayer {
  name: string;
  weights: StoredWeight[];
}

/** What a Keras model file holds, independent of any model implementation. */
export interface KerasModelFile {
  /** `"2.15.0"`, `"3.3.3"`...; empty when the file does not say. */
  kerasVersion: string;
  backend: string;
  /** Keras's `{ class_name, config }` of the model. */
  modelConfig: { class_name: string; config: unknown; [key: string]: unknown };
  /** Keras's `training_config` (`loss`, `metrics`, `optimizer_config`, ...) when saved compiled. */
  trainingConfig?: Record<string, unknown>;
  layers: StoredLayer[];
  optimizerWeights?: StoredOptimizerWeight[];
  /** Which file layout it came from. */
  format: 'h5' | 'keras';
}

/** The HDF5 signature, `\x89HDF\r\n\x1a\n`. */
export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Keras splits attribute arrays larger than this over `name0`, `name1`, ... */
export const HDF5_OBJECT_HEADER_LIMIT = 64512;
