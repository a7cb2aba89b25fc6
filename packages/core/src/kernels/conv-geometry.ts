import * as tf from '@tensorflow/tfjs-core';

/** tfjs-core's description of one 2-D convolution or pooling window: sizes, strides, padding. */
export type ConvGeometry = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

type Pair = [number, number] | number;
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export interface ConvAttrs {
  strides: Pair;
  pad: Pad;
  dilations?: Pair;
  dimRoundingMode?: Rounding;
}

export interface PoolAttrs {
  filterSize: Pair;
  strides: Pair;
  pad: Pad;
  dimRoundingMode?: Rounding;
}

/** NHWC geometry of a convolution of `xShape` by a `[kh, kw, inChannels, outChannels]` filter. */
export function convGeometry(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs): ConvGeometry {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

/** NHWC geometry of a pooling window over `xShape` (no dilation, as tfjs pools). */
export function poolGeometry(xShape: readonly number[], attrs: PoolAttrs): ConvGeometry {
  return tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}
