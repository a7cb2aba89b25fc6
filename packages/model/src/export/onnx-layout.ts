import type { Layer } from '../layers/layer.js';
import type { OnnxGraphBuilder } from './onnx-graph.js';
import type { OnnxValue } from './onnx-layers.js';

// The graph works in NCHW from the first convolution on, while Keras's values are channels-last.
// These move a value between the two, and say which layers take it in which layout.

/** The value as NCHW: a Reshape when there is one channel, else one Transpose. */
export function toNchw(g: OnnxGraphBuilder, value: OnnxValue, base: string): OnnxValue {
  if (value.nchw) return value;
  const [, h, w, c] = value.shape as [null, number, number, number];
  const name = c === 1
    ? g.node('Reshape', [value.name, g.int64Constant(`${base}_nchw_shape`, [-1, 1, h, w])], [], `${base}_to_nchw`)
    : g.node('Transpose', [value.name], [{ name: 'perm', ints: [0, 3, 1, 2] }], `${base}_to_nchw`);
  return { name, shape: value.shape, nchw: true };
}

/** The value in Keras's layout: NCHW transposed back, a CHW-ordered flatten reordered to HWC. */
export function toKerasLayout(g: OnnxGraphBuilder, value: OnnxValue, base: string): OnnxValue {
  if (value.nchw) {
    const name = g.node('Transpose', [value.name], [{ name: 'perm', ints: [0, 2, 3, 1] }], `${base}_to_nhwc`);
    return { name, shape: value.shape, nchw: false };
  }
  if (value.flattenedChw) {
    const [h, w, c] = value.flattenedChw;
    const chw = g.node('Reshape', [value.name, g.int64Constant(`${base}_chw_shape`, [-1, c, h, w])], [], `${base}_to_chw`);
    const hwc = g.node('Transpose', [chw], [{ name: 'perm', ints: [0, 2, 3, 1] }], `${base}_to_hwc`);
    const flat = g.node('Reshape', [hwc, g.int64Constant(`${base}_hwc_shape`, [-1, h * w * c])], [], `${base}_hwc_flatten`);
    return { name: flat, shape: value.shape, nchw: false };
  }
  return value;
}

/** Layers whose converters take an NCHW value as it is (they move it themselves where needed). */
const TAKE_NCHW = new Set([
  'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalMaxPooling2D', 'GlobalAveragePooling2D', 'BatchNormalization', 'Dropout', 'SpatialDropout2D', 'Reshape', 'Flatten',
]);
/** Layers that take a CHW-ordered flatten as it is: Dense reorders its kernel rows instead. */
const TAKE_FLATTENED_CHW = new Set(['Dense', 'Dropout']);
/** Activations that act on each value alone, so the layout does not matter. */
const ELEMENTWISE = (name: string) => name !== 'softmax' && name !== 'log_softmax';

/** The value as `layer`'s converter takes it. */
export function layoutFor(g: OnnxGraphBuilder, layer: Layer, value: OnnxValue, activation: string): OnnxValue {
  const elementwise = layer.className === 'Activation' && ELEMENTWISE(activation);
  if (value.nchw && !TAKE_NCHW.has(layer.className) && !elementwise) return toKerasLayout(g, value, layer.name);
  if (value.flattenedChw && !TAKE_FLATTENED_CHW.has(layer.className) && !elementwise) return toKerasLayout(g, value, layer.name);
  return value;
}
