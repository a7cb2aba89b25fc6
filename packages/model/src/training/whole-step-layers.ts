import type * as tf from '@tensorflow/tfjs-core';
import type { ProgramActivation, ProgramLayer } from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';

const HIDDEN: ReadonlySet<string> = new Set<ProgramActivation>(['linear', 'relu', 'sigmoid', 'tanh']);

/** A Dropout as the whole step sees it: a rate, and a seed a step. */
export interface DropoutLike extends Layer {
  readonly rate: number;
  nextSeed(): number;
}

interface Weighted extends Layer {
  readonly activation: { name: string };
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly kernelRegularizer: unknown;
  readonly biasRegularizer: unknown;
}

interface ConvLike extends Weighted {
  readonly strides: [number, number];
  readonly dilationRate: [number, number];
  readonly padding: string;
  readonly kernelScale: tf.Variable | undefined;
}

interface PoolLike extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: string;
}

/** What a whole-step program runs of a model: its layers, the Dropouts that draw a seed a step, the weights in order. */
export interface ProgramPlan {
  layers: ProgramLayer[];
  dropouts: DropoutLike[];
  variables: tf.Variable[];
}

const trainableAsIs = (l: Weighted) =>
  l.built && l.trainable && l.weights.every((w) => w.trainable) && !l.kernelRegularizer && !l.biasRegularizer;

/**
 * The model's layers as a whole-step program's (`ProgramLayer` in `@neuralkit/core`), for samples
 * of `sampleShape`, or undefined when one is not: InputLayer, and Reshape before the first weighted
 * layer, are views of the flat rows; Flatten is one anywhere; Dense (on flat rows), Conv2D
 * (strides and dilation 1, `valid` or `same`, not quantized) and MaxPooling2D (strides = pool,
 * `valid`) map one to one; a Dropout (rate > 0) rides on the layer before it.
 */
export function programLayers(layers: readonly Layer[], sampleShape: readonly number[]): ProgramPlan | undefined {
  const out: ProgramLayer[] = [];
  const dropouts: DropoutLike[] = [];
  const variables: tf.Variable[] = [];
  let shape = [...sampleShape];
  const last = layers.length - 1;
  for (const [i, layer] of layers.entries()) {
    const input = shape;
    const next = () => layer.computeOutputShape([null, ...input]).slice(1) as number[];
    switch (layer.className) {
      case 'InputLayer':
        continue;
      case 'Reshape':
        if (out.length > 0) return undefined;
        shape = next();
        continue;
      case 'Flatten':
        shape = [input.reduce((a, b) => a * b, 1)];
        continue;
      case 'Dropout': {
        const d = layer as DropoutLike;
        if (d.rate === 0) continue;
        const owner = out.at(-1);
        if (!owner || owner.dropout !== undefined) return undefined;
        owner.dropout = d.rate;
        dropouts.push(d);
        continue;
      }
      case 'Dense': {
        const d = layer as Weighted;
        const activation = d.activation.name;
        if (input.length !== 1 || !trainableAsIs(d)) return undefined;
        if (i === last ? activation !== 'softmax' : !HIDDEN.has(activation)) return undefined;
        out.push({ kind: 'dense', kernel: d.kernel, bias: d.bias, activation: activation as ProgramActivation | 'softmax' });
        variables.push(...d.weights.map((w) => w.variable));
        shape = next();
        continue;
      }
      case 'Conv2D': {
        const c = layer as ConvLike;
        const ones = (p: [number, number]) => p[0] === 1 && p[1] === 1;
        if (input.length !== 3 || !trainableAsIs(c) || c.kernelScale || !ones(c.strides) || !ones(c.dilationRate)) return undefined;
        if ((c.padding !== 'valid' && c.padding !== 'same') || !HIDDEN.has(c.activation.name)) return undefined;
        out.push({
          kind: 'conv2d', kernel: c.kernel, bias: c.bias, activation: c.activation.name as ProgramActivation,
          padding: c.padding, inputShape: input as [number, number, number],
        });
        variables.push(...c.weights.map((w) => w.variable));
        shape = next();
        continue;
      }
      case 'MaxPooling2D': {
        const p = layer as PoolLike;
        if (input.length !== 3 || p.padding !== 'valid' || p.strides[0] !== p.poolSize[0] || p.strides[1] !== p.poolSize[1]) return undefined;
        out.push({ kind: 'maxPool2d', pool: [...p.poolSize], inputShape: input as [number, number, number] });
        shape = next();
        continue;
      }
      default:
        return undefined;
    }
  }
  const tail = out.at(-1);
  if (!tail || tail.kind !== 'dense' || tail.activation !== 'softmax' || tail.dropout !== undefined) return undefined;
  return { layers: out, dropouts, variables };
}
