import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '@neuralkit/losses';
import type { Layer } from '../layers/layer.js';
import { cpuDense, cpuDenseGradients, useCpuDense } from '../layers/dense-cpu-kernels.js';
import { canFuseSoftmax, type ForwardModel } from './loss-path.js';
import { crossEntropyAndGradient, useCpuCrossEntropy } from './softmax-cross-entropy-cpu.js';

interface DenseLike extends Layer {
  readonly activation: { name: string };
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly kernelRegularizer: unknown;
  readonly biasRegularizer: unknown;
}

/** A batch's loss, logits (for the metrics) and the gradient of every trainable weight. */
export interface ChainResult {
  /** Per-sample losses; the batch's loss is their mean (Keras's sum_over_batch_size). */
  perSample: tf.Tensor;
  logits: tf.Tensor;
  pairs: Array<[tf.Tensor, tf.Variable]>;
}

/**
 * The training gradients of `[Flatten | InputLayer]* → Dense(relu | linear)* → Dense(softmax)`
 * under unweighted sparse categorical crossentropy, written out with the backend's Dense and
 * crossentropy kernels instead of recorded on tfjs's tape: about half the kernels per step, and
 * no tape bookkeeping or saved-tensor copies. The same arithmetic as the taped kernel path
 * (whose gradients are these kernels too); tests compare both with the generic ops path.
 */
export class DenseChainGradients {
  private constructor(
    private readonly prefix: Layer[],
    private readonly dense: DenseLike[],
  ) {}

  /** The plan for this model and loss, or undefined when the taped path must run. */
  static plan(model: ForwardModel, loss: Loss, variables: readonly tf.Variable[]): DenseChainGradients | undefined {
    if (!canFuseSoftmax(model, loss)) return undefined;
    const layers = [...model.layers];
    const first = layers.findIndex((l) => l.className === 'Dense');
    const prefix = layers.slice(0, first);
    const dense = layers.slice(first) as DenseLike[];
    if (first < 0 || !prefix.every((l) => l.className === 'Flatten' || l.className === 'InputLayer')) return undefined;
    const fits = dense.every((d, i) =>
      d.className === 'Dense' && d.built && d.trainable && d.weights.every((w) => w.trainable) &&
      !d.kernelRegularizer && !d.biasRegularizer &&
      (i === dense.length - 1 || d.activation.name === 'relu' || d.activation.name === 'linear'));
    const owned = dense.flatMap((d) => d.weights.map((w) => w.variable));
    if (!fits || owned.length !== variables.length || owned.some((v, i) => v !== variables[i])) return undefined;
    return new DenseChainGradients(prefix, dense);
  }

  /** Runs the batch, or returns undefined when the backend's kernels do not serve it (the caller tapes). */
  compute(x: tf.Tensor, y: tf.Tensor): ChainResult | undefined {
    let h = x;
    for (const layer of this.prefix) h = layer.apply(h, { training: true });
    const labels = y.rank === 2 && y.shape[1] === 1 ? tf.reshape(y, [-1]) : y;
    if (!useCpuDense(h) || labels.rank !== 1) return undefined;
    const inputs: tf.Tensor2D[] = [];
    for (const d of this.dense) {
      d.checkInputShape(h.shape);
      inputs.push(h as tf.Tensor2D);
      const last = d === this.dense[this.dense.length - 1];
      h = cpuDense(h as tf.Tensor2D, d.kernel as tf.Tensor2D, d.bias, !last && d.activation.name === 'relu');
    }
    if (!useCpuCrossEntropy(h, labels)) return undefined;
    const n = h.shape[0]!;
    // Keras's sum_over_batch_size: d(mean)/d(loss_i) = 1/n, folded into the kernel's gradient.
    const [perSample, dLogits] = crossEntropyAndGradient(h, labels, 1 / n);
    return { perSample, logits: h, pairs: this.backward(inputs, dLogits) };
  }

  private backward(inputs: tf.Tensor2D[], dLogits: tf.Tensor): Array<[tf.Tensor, tf.Variable]> {
    const pairs: Array<[tf.Tensor, tf.Variable]> = [];
    let dz = dLogits as tf.Tensor2D;
    for (let i = this.dense.length - 1; i >= 0; i--) {
      const d = this.dense[i]!;
      const { dw, db, dx } = cpuDenseGradients(inputs[i]!, d.kernel as tf.Tensor2D, dz, i > 0);
      pairs.unshift(...(d.bias ? [[dw, d.kernel], [db, d.bias]] as Array<[tf.Tensor, tf.Variable]> : [[dw, d.kernel] as [tf.Tensor, tf.Variable]]));
      if (i > 0) {
        const below = this.dense[i - 1]!;
        // relu's gradient as the taped path's: dy · step(y), y this layer's input (relu output).
        dz = (below.activation.name === 'relu' ? tf.mul(dx!, tf.step(inputs[i]!)) : dx!) as tf.Tensor2D;
      }
    }
    return pairs;
  }
}
