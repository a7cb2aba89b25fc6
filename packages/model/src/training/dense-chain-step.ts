import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '@neuralkit/losses';
import type { Layer } from '../layers/layer.js';
import { dense, denseGradInput, denseGradInputActivation, denseGradients } from '../kernels/dense.js';
import { crossEntropyAndGradient } from '../kernels/sparse-softmax-cross-entropy.js';
import { activationGradient, hasActivationGradient } from './activation-gradients.js';
import { targetsCrossEntropyAndGradient } from '../kernels/softmax-cross-entropy.js';
import { softmaxFusion, type ForwardModel, type SoftmaxFusion } from './loss-path.js';
import { smoothedTargets } from './softmax-cross-entropy.js';

interface DenseLike extends Layer {
  readonly activation: { name: string; apply(x: tf.Tensor): tf.Tensor };
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly kernelRegularizer: unknown;
  readonly biasRegularizer: unknown;
}

interface DropoutLike extends Layer {
  readonly rate: number;
  nextMask(shape: number[]): tf.Tensor;
}

/** A batch's loss, logits (for the metrics) and the gradient of every trainable weight. */
export interface ChainResult {
  /** Per-sample losses (unweighted); the batch's loss is their weighted mean (Keras's sum_over_batch_size). */
  perSample: tf.Tensor;
  logits: tf.Tensor;
  pairs: Array<[tf.Tensor, tf.Variable]>;
}

/** What the forward pass keeps for the backward one, per layer. */
type Saved = { dense: DenseLike; input: tf.Tensor2D; output: tf.Tensor2D } | { mask: tf.Tensor };

/**
 * The training gradients of `[Flatten | InputLayer]* → (Dense(act) | Dropout)* → Dense(softmax)`
 * under sparse or categorical crossentropy (sample weights allowed), written out with the seam's
 * Dense and crossentropy kernels (the backend's, or their tfjs-core references) instead of
 * recorded on tfjs's tape: about half the kernels per step, and no tape bookkeeping. Hidden
 * activations are those with a gradient in `activation-gradients.ts`. The same arithmetic as the
 * taped path; the tests compare both with the generic ops path.
 */
export class DenseChainGradients {
  private constructor(
    private readonly prefix: Layer[],
    private readonly stages: Array<DenseLike | DropoutLike>,
    private readonly fusion: SoftmaxFusion,
  ) {}

  /** The plan for this model and loss, or undefined when the taped path must run. */
  static plan(model: ForwardModel, loss: Loss, variables: readonly tf.Variable[]): DenseChainGradients | undefined {
    const fusion = softmaxFusion(model, loss);
    if (!fusion) return undefined;
    const layers = [...model.layers];
    const first = layers.findIndex((l) => l.className === 'Dense' || l.className === 'Dropout');
    const prefix = layers.slice(0, first);
    const stages = layers.slice(first) as Array<DenseLike | DropoutLike>;
    if (first < 0 || !prefix.every((l) => l.className === 'Flatten' || l.className === 'InputLayer')) return undefined;
    const fits = stages.every((l, i) => {
      if (l.className === 'Dropout') return true;
      if (l.className !== 'Dense') return false;
      const d = l as DenseLike;
      return d.built && d.trainable && d.weights.every((w) => w.trainable) && !d.kernelRegularizer && !d.biasRegularizer &&
        (i === stages.length - 1 || hasActivationGradient(d.activation.name));
    });
    const owned = stages.flatMap((d) => d.weights.map((w) => w.variable));
    if (!fits || owned.length !== variables.length || owned.some((v, i) => v !== variables[i])) return undefined;
    return new DenseChainGradients(prefix, stages, fusion);
  }

  /**
   * Runs the batch, or returns undefined when its shapes do not fit (the caller tapes).
   * `sampleWeight` `[n]` weighs each sample's loss (Keras's sum_over_batch_size divides by n).
   */
  compute(x: tf.Tensor, y: tf.Tensor, sampleWeight?: tf.Tensor): ChainResult | undefined {
    let h = x;
    for (const layer of this.prefix) h = layer.apply(h, { training: true });
    const sparse = this.fusion.kind === 'sparse';
    const labels = sparse && y.rank === 2 && y.shape[1] === 1 ? tf.reshape(y, [-1]) : y;
    if (h.rank !== 2 || h.dtype !== 'float32' || labels.rank !== (sparse ? 1 : 2)) return undefined;
    if (sampleWeight && sampleWeight.size !== labels.shape[0]) return undefined;
    const classes = (this.stages[this.stages.length - 1] as DenseLike).kernel.shape[1];
    // Checked before the forward pass, which draws Dropout's masks: the taped path redraws them.
    if (!sparse && (labels.shape[0] !== h.shape[0] || labels.shape[1] !== classes)) return undefined;
    const saved: Saved[] = [];
    const last = this.stages[this.stages.length - 1];
    for (const stage of this.stages) {
      if (stage.className === 'Dropout') {
        const d = stage as DropoutLike;
        if (d.rate === 0) continue;
        const mask = d.nextMask(h.shape);
        saved.push({ mask });
        h = tf.mul(h, mask);
        continue;
      }
      const d = stage as DenseLike;
      d.checkInputShape(h.shape);
      const input = h as tf.Tensor2D;
      const act = stage === last ? 'linear' : d.activation.name;
      let out = dense(input, d.kernel as tf.Tensor2D, d.bias, act === 'relu');
      if (act !== 'relu' && act !== 'linear') out = d.activation.apply(out) as tf.Tensor2D;
      saved.push({ dense: d, input, output: out });
      h = out;
    }
    const n = h.shape[0]!;
    // Keras's sum_over_batch_size: d(mean)/d(loss_i) = w_i/n, folded into the kernel's gradient.
    const [perSample, scaled] = this.fusion.kind === 'sparse'
      ? crossEntropyAndGradient(h, labels, 1 / n)
      : targetsCrossEntropyAndGradient(h, smoothedTargets(labels, this.fusion.labelSmoothing), 1 / n);
    const dLogits = sampleWeight ? tf.mul(scaled, tf.reshape(tf.cast(sampleWeight, 'float32'), [n, 1])) : scaled;
    return { perSample, logits: h, pairs: this.backward(saved, dLogits) };
  }

  private backward(saved: Saved[], dLogits: tf.Tensor): Array<[tf.Tensor, tf.Variable]> {
    const pairs: Array<[tf.Tensor, tf.Variable]> = [];
    const firstDense = saved.findIndex((s) => 'dense' in s);
    let d = dLogits;
    // True when d already went back through the masks and the activation of the Dense layer
    // below (the fused input-gradient kernel did both).
    let carried = false;
    for (let i = saved.length - 1; i >= firstDense; i--) {
      const s = saved[i]!;
      if ('mask' in s) {
        if (!carried) d = tf.mul(d, s.mask);
        continue;
      }
      // The activation's gradient (the last layer's softmax is in the crossentropy's).
      if (i < saved.length - 1 && !carried) d = activationGradient(s.dense.activation.name, d, s.output);
      const kernel = s.dense.kernel as tf.Tensor2D;
      const { dw, db } = denseGradients(s.input, kernel, d as tf.Tensor2D, false);
      pairs.unshift(...(s.dense.bias ? [[dw, s.dense.kernel], [db, s.dense.bias]] as Array<[tf.Tensor, tf.Variable]> : [[dw, s.dense.kernel] as [tf.Tensor, tf.Variable]]));
      if (i === firstDense) break;
      const below = saved.slice(firstDense, i).map((t) => 'dense' in t).lastIndexOf(true) + firstDense;
      const masks = saved.slice(below + 1, i) as Array<{ mask: tf.Tensor }>;
      const layer = saved[below] as { dense: DenseLike; output: tf.Tensor };
      const fused = masks.length <= 1 ? denseGradInputActivation(d, kernel, layer.output, masks[0]?.mask, layer.dense.activation.name) : undefined;
      carried = fused !== undefined;
      d = fused ?? denseGradInput(d, kernel);
    }
    return pairs;
  }
}
