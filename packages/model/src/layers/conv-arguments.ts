import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { formatShape, type Shape } from './shape.js';

export type Padding = 'valid' | 'same';
export type DataFormat = 'channels_last' | 'channels_first';

/** Keras's `standardize_tuple`: `3` → `[3, 3]`; `[2, 3]` stays; each a positive integer. */
export function pair(value: unknown, what: string, layer: string): [number, number] {
  const values = typeof value === 'number' ? [value, value] : Array.isArray(value) ? value : undefined;
  if (!values || values.length !== 2 || !values.every((v) => Number.isInteger(v) && (v as number) > 0)) {
    throw InvalidArgumentError.expected(`\`${what}\` of ${layer}`, 'a positive integer or a list of 2 positive integers', value);
  }
  return [values[0] as number, values[1] as number];
}

/** `'valid'` or `'same'`, case-insensitive as Keras's `standardize_padding`. */
export function padding(value: unknown, layer: string): Padding {
  const lower = typeof value === 'string' ? value.toLowerCase() : value;
  if (lower === undefined || lower === null) return 'valid';
  if (lower !== 'valid' && lower !== 'same') throw InvalidArgumentError.expected(`\`padding\` of ${layer}`, "'valid' or 'same'", value);
  return lower;
}

/**
 * Keras's `data_format`; only `channels_last` runs here (TensorFlow.js's convolution and pooling
 * kernels take NHWC on every backend), so `channels_first` is refused when the layer is made.
 */
export function dataFormat(value: unknown, layer: string): DataFormat {
  if (value === undefined || value === null || value === 'channels_last') return 'channels_last';
  if (value === 'channels_first') {
    throw new InvalidArgumentError(
      `\`data_format\` of ${layer}: 'channels_first' is not supported (TensorFlow.js runs convolutions and pooling channels_last on every backend); use 'channels_last' and inputs of shape (batch, height, width, channels).`,
    );
  }
  throw InvalidArgumentError.expected(`\`data_format\` of ${layer}`, "'channels_last'", value);
}

/** Throws unless `shape` (batch axis included) has `rank` axes, naming what the layer expects. */
export function checkRank(shape: Shape, rank: number, layer: string, expected: string): void {
  if (shape.length !== rank) {
    const hint = shape.length === rank - 1 ? ' Add a channel axis first: `addChannelAxis(x)` from @neuralkit/data or `tf.expandDims(x, -1)` turns [n, 28, 28] images into [n, 28, 28, 1] (Keras: np.expand_dims(x, -1)).' : '';
    throw new ShapeError(
      `${layer} expects inputs of rank ${rank} ${expected}, received shape ${formatShape(shape)} (rank ${shape.length}).${hint}`,
    );
  }
}

/**
 * One spatial output length, as Keras's `compute_conv_output_shape`: `valid` needs the (dilated)
 * window to fit, `same` gives `ceil(length / stride)`.
 */
export function outputLength(
  length: number | null,
  window: number,
  options: { stride: number; dilation?: number; padding: Padding; layer: string; axis: string },
): number | null {
  if (length === null) return null;
  const span = (window - 1) * (options.dilation ?? 1) + 1;
  if (options.padding === 'same') return Math.ceil(length / options.stride);
  if (span > length) {
    throw new ShapeError(
      `${options.layer}: the window of ${span} along ${options.axis} is larger than the input's ${length} with padding 'valid'; use padding 'same' or a larger input.`,
    );
  }
  return Math.floor((length - span) / options.stride) + 1;
}

/** TensorFlow's `same` padding of one axis: `[before, after]`, the odd cell after. */
export function samePadding(length: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(length / stride);
  const total = Math.max((out - 1) * stride + window - length, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
