import * as tf from '@tensorflow/tfjs-core';
import type { Logs } from '../callbacks/callback.js';
import { Mean } from '../metrics/mean.js';
import { manyFigures, type Metric } from '../metrics/metric.js';
import type { CompiledState } from './compile.js';

/**
 * The loss tracker and compiled metrics of one fit or evaluate: updated on the device every
 * batch, read with one awaited read when someone looks (every few steps for batch logs, and
 * at the epoch's end). Nothing here reads synchronously.
 */
export class EpochMetrics {
  readonly loss = new Mean({ name: 'loss' });
  private metrics: Array<{ metric: Metric; weighted: boolean }> | undefined;
  private needsProbabilities = false;

  constructor(private readonly compiled: CompiledState) {}

  /**
   * Folds in one batch: its mean loss (weighted by batch size, as Keras) and the metrics. An
   * unweighted batch may give its per-sample losses instead: the same sum and count, two
   * kernels fewer.
   */
  update(batch: { y: tf.Tensor; sampleWeight?: tf.Tensor | undefined }, loss: tf.Scalar | { perSample: tf.Tensor }, yPred: tf.Tensor, logits: boolean): void {
    const n = batch.y.shape[0] ?? 1;
    if ('perSample' in loss) this.loss.updateState(loss.perSample);
    else this.loss.updateMean(loss, n);
    if (!this.metrics) {
      this.metrics = this.compiled.createMetrics(batch.y.shape, yPred.shape);
      this.needsProbabilities = this.metrics.some(({ metric }) => !(metric.constructor as { rankInvariant?: boolean }).rankInvariant);
    }
    if (this.metrics.length === 0) return;
    tf.tidy(() => {
      const pred = logits && this.needsProbabilities ? tf.softmax(yPred) : yPred;
      for (const { metric, weighted } of this.metrics!) {
        metric.updateState(batch.y, pred, weighted ? batch.sampleWeight : undefined);
      }
    });
  }

  /** Log names in order: `loss` then the metrics. */
  names(): string[] {
    return this.compiled.metricNames();
  }

  /**
   * The figures so far, `loss` then the metrics, in one awaited read: every figure is joined
   * into one tensor on the device first.
   */
  async readLogs(prefix = ''): Promise<Logs> {
    const tracked: Array<{ name: string; metric: Metric }> = [
      { name: 'loss', metric: this.loss },
      ...(this.metrics ?? []).map(({ metric }) => ({ name: metric.name, metric })),
    ];
    const joined = tf.tidy(() => {
      const figures = tracked.map(({ metric }) => tf.reshape(metric.resultTensor(), [-1]));
      figures.forEach((f, i) => {
        if (f.size !== 1) throw manyFigures(tracked[i]!.name, f.size);
      });
      return tf.concat(figures);
    });
    try {
      const values = await joined.data();
      const out: Logs = {};
      tracked.forEach(({ name }, i) => (out[`${prefix}${name}`] = values[i]!));
      return out;
    } finally {
      joined.dispose();
    }
  }

  reset(): void {
    this.loss.resetState();
    for (const { metric } of this.metrics ?? []) metric.resetState();
  }

  dispose(): void {
    this.loss.resetState();
    for (const { metric } of this.metrics ?? []) metric.resetState();
    this.metrics = undefined;
  }
}
