import type * as tf from '@tensorflow/tfjs-core';
import { dropoutMaskConstants, type ProgramActivation, type ProgramLayer } from '@neuralkit/core';

/** One layer of the program with its sizes worked out. */
export interface Stage {
  kind: 'dense' | 'conv2d' | 'maxPool2d';
  kernel: tf.Variable | undefined;
  bias: tf.Variable | undefined;
  /** The last Dense's softmax is the loss's; a pool's is `linear`. */
  activation: ProgramActivation | 'softmax';
  dropout: number | undefined;
  /** Values per sample in and out. */
  inSize: number;
  outSize: number;
  /** A Dense's units; a convolution's or pool's output channels. */
  units: number;
  /** Conv2D and MaxPooling2D: `[h, w, c, oh, ow, co, kh, kw, pt, pl]`. */
  geo: number[] | undefined;
}

const HIDDEN: ReadonlySet<string> = new Set(['linear', 'relu', 'sigmoid', 'tanh']);

const isFloatMatrix = (t: tf.Tensor | undefined, shape: number[]) =>
  t !== undefined && t.dtype === 'float32' && t.rank === shape.length && t.shape.every((d, i) => d === shape[i]);

/**
 * The program's stages for layers taking `features` values a sample, or undefined when a layer is
 * not one the program runs (see `ProgramLayer`): a first layer that is not Dense or Conv2D, a
 * last one that is not Dense(softmax), a shape that does not chain, a Dropout rate out of (0, 1).
 */
export function planStages(layers: readonly ProgramLayer[], features: number): Stage[] | undefined {
  const stages: Stage[] = [];
  let size = features;
  for (const [i, l] of layers.entries()) {
    const last = i === layers.length - 1;
    const dropout = l.dropout || undefined;
    if (dropout !== undefined && (last || !(dropout > 0 && dropout < 1) || dropoutMaskConstants(dropout).threshold > 0xffffffff)) return undefined;
    const stage = planStage(l, size, i === 0);
    if (!stage || last !== (stage.activation === 'softmax')) return undefined;
    stages.push({ ...stage, dropout });
    size = stage.outSize;
  }
  return stages.length > 0 && stages.at(-1)!.kind === 'dense' ? stages : undefined;
}

function planStage(l: ProgramLayer, inSize: number, first: boolean): Omit<Stage, 'dropout'> | undefined {
  if (l.kind === 'maxPool2d') {
    const [h, w, c] = l.inputShape;
    const [kh, kw] = l.pool;
    const [oh, ow] = [Math.floor(h / kh), Math.floor(w / kw)];
    if (first || h * w * c !== inSize || !(oh >= 1 && ow >= 1)) return undefined;
    return { kind: 'maxPool2d', kernel: undefined, bias: undefined, activation: 'linear', inSize, outSize: oh * ow * c, units: c, geo: [h, w, c, oh, ow, c, kh, kw, 0, 0] };
  }
  const activation = l.activation;
  if (activation !== 'softmax' && !HIDDEN.has(activation)) return undefined;
  if (l.kind === 'conv2d') {
    const [h, w, c] = l.inputShape;
    const [kh = 0, kw = 0, , co = 0] = l.kernel.shape;
    if (h * w * c !== inSize || !isFloatMatrix(l.kernel, [kh, kw, c, co]) || (l.bias && !isFloatMatrix(l.bias, [co]))) return undefined;
    // Strides 1: `same` pads (window − 1) / 2 before, the odd cell after (TensorFlow's rule).
    const same = l.padding === 'same';
    const [oh, ow] = same ? [h, w] : [h - kh + 1, w - kw + 1];
    if (!(oh >= 1 && ow >= 1) || (l.padding !== 'same' && l.padding !== 'valid')) return undefined;
    const [pt, pl] = same ? [Math.floor((kh - 1) / 2), Math.floor((kw - 1) / 2)] : [0, 0];
    return { kind: 'conv2d', kernel: l.kernel, bias: l.bias, activation, inSize, outSize: oh * ow * co, units: co, geo: [h, w, c, oh, ow, co, kh, kw, pt, pl] };
  }
  const units = l.kernel.shape[1] ?? 0;
  if (!isFloatMatrix(l.kernel, [inSize, units]) || (l.bias && !isFloatMatrix(l.bias, [units]))) return undefined;
  return { kind: 'dense', kernel: l.kernel, bias: l.bias, activation, inSize, outSize: units, units, geo: undefined };
}
