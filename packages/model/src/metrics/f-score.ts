import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { EPSILON } from '@neuralkit/losses';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';

const AVERAGES = [null, 'micro', 'macro', 'weighted'] as const;
type Average = (typeof AVERAGES)[number];

export interface FBetaScoreOptions {
  name?: string;
  dtype?: unknown;
  /** `null` (one score per class, the default), `'micro'`, `'macro'` or `'weighted'`. */
  average?: Average;
  /** Weight of recall against precision; > 0. Default 1. */
  beta?: number;
  /** Predictions above it are positive; default: each row's highest prediction. In (0, 1]. */
  threshold?: number | null;
}

/**
 * Keras's `FBetaScore`: weighted TP, FP, FN and label counts per class (or summed, `micro`) on
 * the device; the result is `(1 + β²)·P·R / (β²·P + R)` with Keras's epsilons, averaged as
 * configured. Inputs are `[batch, classes]`.
 */
export class FBetaScore extends Metric {
  static override readonly className: string = 'FBetaScore';
  static readonly defaultName: string = 'fbeta_score';
  readonly average: Average;
  readonly beta: number;
  readonly threshold: number | null;
  private readonly state = new DeviceState<'tp' | 'fp' | 'fn' | 'support'>();

  constructor(options: FBetaScoreOptions = {}) {
    super(options);
    const owner = (this.constructor as unknown as { className: string }).className;
    const average = options.average ?? null;
    if (!AVERAGES.includes(average)) {
      throw InvalidArgumentError.expected(`\`average\` of ${owner}`, "null, 'micro', 'macro' or 'weighted'", average);
    }
    const beta = options.beta ?? 1;
    if (typeof beta !== 'number' || !(beta > 0)) throw InvalidArgumentError.expected(`\`beta\` of ${owner}`, 'a number > 0', beta);
    const threshold = options.threshold ?? null;
    if (threshold !== null && !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)) {
      throw InvalidArgumentError.expected(`\`threshold\` of ${owner}`, 'a number in (0, 1] (or null)', threshold);
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    if (yTrue.rank !== 2 || yPred.rank !== 2) {
      throw new ShapeError(
        `${this.className()} expects inputs of shape [batch, classes], received y_true [${yTrue.shape.join(', ')}] and y_pred [${yPred.shape.join(', ')}].`,
      );
    }
    tf.tidy(() => {
      const t = tf.cast(yTrue, 'float32');
      let p = tf.cast(yPred, 'float32');
      p =
        this.threshold === null
          ? tf.logicalAnd(tf.greaterEqual(p, tf.max(p, -1, true)), tf.greater(tf.abs(p), 1e-9))
          : tf.greater(p, this.threshold);
      p = tf.cast(p, 'float32');
      let w: tf.Tensor | undefined = sampleWeight && tf.cast(sampleWeight, 'float32');
      while (w && w.rank < t.rank) w = tf.expandDims(w, -1);
      const sum = (v: tf.Tensor) => (this.average === 'micro' ? tf.sum(w ? tf.mul(v, w) : v) : tf.sum(w ? tf.mul(v, w) : v, 0));
      this.state.add('tp', sum(tf.mul(p, t)));
      this.state.add('fp', sum(tf.mul(p, tf.sub(1, t))));
      this.state.add('fn', sum(tf.mul(tf.sub(1, p), t)));
      this.state.add('support', sum(t));
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      if (this.state.empty) return tf.scalar(0);
      const [tp, fp, fn, support] = (['tp', 'fp', 'fn', 'support'] as const).map((k) => this.state.get(k)!);
      const precision = tf.div(tp!, tf.add(tf.add(tp!, fp!), EPSILON));
      const recall = tf.div(tp!, tf.add(tf.add(tp!, fn!), EPSILON));
      const b2 = this.beta * this.beta;
      const mean = tf.div(tf.mul(precision, recall), tf.add(tf.add(tf.mul(b2, precision), recall), EPSILON));
      const score = tf.mul(mean, 1 + b2);
      if (this.average === 'weighted') return tf.sum(tf.mul(score, tf.div(support!, tf.add(tf.sum(support!), EPSILON))));
      return this.average === null ? score : tf.mean(score);
    });
  }

  private className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  override resetState(): void {
    this.state.reset();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), average: this.average, beta: this.beta, threshold: this.threshold };
  }
}

/** Keras's `F1Score`: `FBetaScore` with β = 1 (its config has no `beta`). */
export class F1Score extends FBetaScore {
  static override readonly className = 'F1Score';
  static override readonly defaultName = 'f1_score';
  constructor(options: Omit<FBetaScoreOptions, 'beta'> = {}) {
    super({ ...options, beta: 1 });
  }
  override getConfig(): Record<string, unknown> {
    const { beta: _beta, ...config } = super.getConfig();
    return config;
  }
}
