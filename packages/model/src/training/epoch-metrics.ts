import * as tf from '@tensorflow/tfjs-core';
import type { Logs } from '../callbacks/callback.js';
import { Mean } from '../metrics/mean.js';
import type { Metric } from '../metrics/metric.js';
import type { CompiledState } from './compile.js';

/**
 * The loss tracker and compiled metrics of one fit or evaluate: updated on the device every
 * batch, read only when someone looks (progress redraws, epoch end).
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

  /** The figures so far (reads the device). */
  logs(prefix = ''): Logs {
    const out: Logs = { [`${prefix}loss`]: this.loss.result() };
    for (const { metric } of this.metrics ?? []) out[`${prefix}${metric.name}`] = metric.result();
    return out;
  }

  /** The same figures, read only when a key is accessed (for batch-level callbacks). */
  lazyLogs(): Logs {
    const logs: Logs = {};
    for (const name of this.names()) {
      Object.defineProperty(logs, name, {
        enumerable: true,
        get: () => (name === 'loss' ? this.loss.result() : (this.metrics?.find((m) => m.metric.name === name)?.metric.result() ?? 0)),
      });
    }
    return logs;
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
