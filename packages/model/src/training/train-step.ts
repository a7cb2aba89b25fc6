import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { Sequential } from '../sequential.js';
import type { CompiledState } from './compile.js';
import type { DataSource } from './data-adapter.js';
import type { EpochMetrics } from './epoch-metrics.js';
import { DenseChainGradients } from './dense-chain-step.js';
import { canFuseSoftmax, computeLoss, type LossResult } from './loss-path.js';
import { WholeStep } from './whole-step.js';

/**
 * One optimizer step on one batch, inside one `tf.tidy`: gather the batch, forward, loss,
 * gradients of the trainable weights, optimizer update, metrics. Nothing is read back from
 * the device here.
 */
export class TrainStep {
  private readonly variables: tf.Variable[];
  private readonly fuse: boolean;
  private readonly classWeights: tf.Tensor1D | undefined;
  /** The tape-free gradients of a Dense stack, where the model and the backend allow them. */
  private readonly chain: DenseChainGradients | undefined;
  /** The backend's whole-step program for the source it was planned for (planned on first use). */
  private whole: { source: DataSource; step: WholeStep | undefined } | undefined;

  constructor(
    private readonly model: Sequential,
    private readonly compiled: CompiledState,
    classWeight?: Record<number, number>,
  ) {
    this.variables = model.trainableWeights;
    this.fuse = canFuseSoftmax(model, compiled.loss);
    this.chain = DenseChainGradients.plan(model, compiled.loss, this.variables);
    compiled.optimizer.build(this.variables);
    this.classWeights = classWeight ? classWeightTable(classWeight, model) : undefined;
  }

  run(source: DataSource, indices: Int32Array | null, start: number, end: number, metrics: EpochMetrics): void {
    const { model, compiled, variables } = this;
    if (this.wholeStep(source, metrics)?.run(indices, start, end, metrics)) return;
    tf.tidy(() => {
      const batch = source.batch(indices, start, end);
      const y = batch.y!;
      const sampleWeight = this.weights(y, batch.sampleWeight);
      const direct = this.chain?.compute(batch.x, y, sampleWeight);
      if (direct) {
        compiled.optimizer.applyGradients(direct.pairs);
        const loss = sampleWeight ? weightedMean(direct.perSample, sampleWeight) : { perSample: direct.perSample };
        metrics.update({ y, sampleWeight }, loss, direct.logits, true);
        return;
      }
      let out: LossResult | undefined;
      const { value, grads } = tf.variableGrads(() => {
        out = computeLoss(model, compiled.loss, { x: batch.x, y, sampleWeight }, { training: true, fuse: this.fuse });
        tf.keep(out.yPred);
        return out.loss;
      }, variables);
      compiled.optimizer.applyGradients(variables.map((v) => [grads[v.name], v] as [tf.Tensor, tf.Variable]));
      // The metrics keep what they are given until they fold it in: a copy this step owns, as
      // the prediction itself was kept out of the gradient scope and is disposed here.
      metrics.update({ y, sampleWeight }, value, tf.clone(out!.yPred), out!.logits);
      out!.yPred.dispose();
    });
  }

  dispose(): void {
    this.whole?.step?.dispose();
    this.whole = undefined;
    this.classWeights?.dispose();
  }

  private wholeStep(source: DataSource, metrics: EpochMetrics): WholeStep | undefined {
    if (this.whole?.source !== source) {
      this.whole?.step?.dispose();
      const step = WholeStep.plan(this.model, this.compiled, this.variables, source, metrics, this.classWeights !== undefined);
      this.whole = { source, step };
    }
    return this.whole.step;
  }

  /** Per-sample weights from `classWeight`, or `sampleWeight` (fit() refuses both, as Keras 3). */
  private weights(y: tf.Tensor, sampleWeight: tf.Tensor | undefined): tf.Tensor | undefined {
    if (!this.classWeights) return sampleWeight;
    // Keras 3: one-hot rows by argmax, class values rounded to the nearest integer (not truncated).
    const flat = tf.reshape(y, [-1]);
    const labels = y.rank > 1 && y.shape[y.rank - 1]! > 1 ? tf.argMax(y, -1) : flat.dtype === 'int32' ? flat : tf.cast(tf.round(flat), 'int32');
    return tf.gather(this.classWeights, labels);
  }
}

/** Keras's sum_over_batch_size of weighted per-sample losses: `Σ wᵢ lᵢ / n`. */
function weightedMean(perSample: tf.Tensor, sampleWeight: tf.Tensor): tf.Scalar {
  return tf.div(tf.sum(tf.mul(perSample, tf.reshape(tf.cast(sampleWeight, 'float32'), perSample.shape))), perSample.size);
}

/** Keras's `class_weight`: classes not listed weigh 1. */
function classWeightTable(classWeight: Record<number, number>, model: Sequential): tf.Tensor1D {
  const last = model.outputShape?.[model.outputShape.length - 1];
  const keys = Object.keys(classWeight).map(Number);
  if (keys.some((k) => !Number.isInteger(k) || k < 0)) {
    throw InvalidArgumentError.expected('`classWeight` keys', 'class indices (non-negative integers)', classWeight);
  }
  const size = Math.max(typeof last === 'number' ? last : 0, ...keys.map((k) => k + 1), 2);
  const table = new Float32Array(size).fill(1);
  for (const k of keys) table[k] = classWeight[k]!;
  return tf.tensor1d(table);
}
