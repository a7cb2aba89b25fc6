import * as tf from '@tensorflow/tfjs-core';
import type { Logs } from '../callbacks/callback.js';
import { Mean } from '../metrics/mean.js';
import { manyFigures, type Metric } from '../metrics/metric.js';
import type { CompiledState } from './compile.js';
import { SparseCategoricalAccuracy } from '../metrics/accuracy.js';

/** Batches folded into the metrics together: their kernels run once per this many steps... */
export const FOLD_BATCHES = 16;
/** ...or sooner, once this many predicted values wait (a large output is not held for long). */
const FOLD_VALUES = 1 << 20;

/** A batch waiting to be folded in: tensors kept from its step (all made inside that step). */
interface Waiting {
  y: tf.Tensor;
  sampleWeight: tf.Tensor | undefined;
  pred: tf.Tensor | undefined;
  perSample: tf.Tensor | undefined;
}

/**
 * The loss tracker and compiled metrics of one fit or evaluate, kept on the device and read
 * with one awaited read when someone looks (every few steps for batch logs, and at the epoch's
 * end). Nothing here reads synchronously.
 *
 * Batches are folded in together, up to FOLD_BATCHES at a time: every metric is a sum over
 * samples, so one update over the joined batches gives the same figures (up to float32
 * summation order) with the metric kernels run once instead of once per step — for a small
 * model they were a third of a step's kernels.
 */
export class EpochMetrics {
  readonly loss = new Mean({ name: 'loss' });
  private metrics: Array<{ metric: Metric; weighted: boolean }> | undefined;
  private needsProbabilities = false;
  private waiting: Waiting[] = [];
  private waitingLogits = false;
  private waitingValues = 0;
  /** The loss and argmax-match sums a backend's whole training steps add into, on the device. */
  private wholeSums: tf.Variable | undefined;
  /** Samples behind `wholeSums` since they were last folded in. */
  private wholeCount = 0;

  constructor(private readonly compiled: CompiledState) {}

  /**
   * Takes one batch: its mean loss (weighted by batch size, as Keras) and what the metrics need.
   * An unweighted batch may give its per-sample losses instead (the same sum and count). The
   * tensors given must have been made in the caller's step (they are kept until folded in).
   */
  update(batch: { y: tf.Tensor; sampleWeight?: tf.Tensor | undefined }, loss: tf.Scalar | { perSample: tf.Tensor }, yPred: tf.Tensor, logits: boolean): void {
    const n = batch.y.shape[0] ?? 1;
    if (!this.metrics) {
      this.metrics = this.compiled.createMetrics(batch.y.shape, yPred.shape);
      this.needsProbabilities = this.metrics.some(({ metric }) => !(metric.constructor as { rankInvariant?: boolean }).rankInvariant);
    }
    const perSample = 'perSample' in loss ? loss.perSample : undefined;
    if (!perSample) this.loss.updateMean(loss as tf.Scalar, n);
    const pred = this.metrics.length > 0 ? yPred : undefined;
    if (!perSample && !pred) return;
    const next: Waiting = { y: batch.y, sampleWeight: batch.sampleWeight, pred, perSample };
    if (this.waiting.length > 0 && (logits !== this.waitingLogits || !joinable(this.waiting[0]!, next))) this.fold();
    for (const t of [next.y, next.sampleWeight, next.pred, next.perSample]) if (t) tf.keep(t);
    this.waiting.push(next);
    this.waitingLogits = logits;
    this.waitingValues += yPred.size;
    if (this.waiting.length >= FOLD_BATCHES || this.waitingValues >= FOLD_VALUES) this.fold();
  }

  /**
   * Whether a whole-step program may take this fit's batches: its sums are the loss and argmax
   * matches, so every compiled metric must be an unweighted SparseCategoricalAccuracy.
   */
  takesWholeSteps(yShape: readonly number[], predShape: readonly number[]): boolean {
    const metrics = this.metrics ?? this.compiled.createMetrics(yShape, predShape);
    return metrics.every(({ metric, weighted }) => !weighted && metric.constructor === SparseCategoricalAccuracy);
  }

  /** The float32 `[2]` variable a whole-step program adds a batch's loss sum and matches into. */
  wholeStepSums(): tf.Variable {
    return (this.wholeSums ??= tf.tidy(() => tf.variable(tf.zeros([2]), false)));
  }

  /** Counts a batch of `n` samples whose sums a whole-step program added into `wholeStepSums()`. */
  addWholeStep(n: number, yShape: readonly number[], predShape: readonly number[]): void {
    this.metrics ??= this.compiled.createMetrics(yShape, predShape);
    this.wholeCount += n;
  }

  /** Folds the whole steps' sums into the loss tracker and the accuracy, then zeroes them. */
  private foldWholeSteps(): void {
    const sums = this.wholeSums;
    if (!sums || this.wholeCount === 0) return;
    const count = this.wholeCount;
    this.wholeCount = 0;
    tf.tidy(() => {
      const [loss, matches] = tf.unstack(sums) as [tf.Scalar, tf.Scalar];
      this.loss.addTotals(loss, count);
      for (const { metric } of this.metrics ?? []) metric.addTotals(matches, count);
      sums.assign(tf.zeros([2]));
    });
  }

  /** Runs the waiting batches through the loss tracker and the metrics, joined into one batch. */
  private fold(): void {
    this.foldWholeSteps();
    const waiting = this.waiting;
    if (waiting.length === 0) return;
    this.waiting = [];
    this.waitingValues = 0;
    const join = (parts: Array<tf.Tensor | undefined>) => (parts.length === 1 ? parts[0]! : tf.concat(parts as tf.Tensor[], 0));
    try {
      tf.tidy(() => {
        if (waiting[0]!.perSample) this.loss.updateState(join(waiting.map((w) => w.perSample)));
        if (!waiting[0]!.pred) return;
        const y = join(waiting.map((w) => w.y));
        const sampleWeight = waiting[0]!.sampleWeight ? join(waiting.map((w) => w.sampleWeight)) : undefined;
        const joined = join(waiting.map((w) => w.pred));
        const pred = this.waitingLogits && this.needsProbabilities ? tf.softmax(joined) : joined;
        for (const { metric, weighted } of this.metrics!) metric.updateState(y, pred, weighted ? sampleWeight : undefined);
      });
    } finally {
      tf.dispose(waiting.flatMap((w) => [w.y, w.sampleWeight, w.pred, w.perSample].filter((t): t is tf.Tensor => t !== undefined)));
    }
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
    this.fold();
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
    this.dropWaiting();
    this.dropWholeSteps();
    this.loss.resetState();
    for (const { metric } of this.metrics ?? []) metric.resetState();
  }

  dispose(): void {
    this.dropWaiting();
    this.dropWholeSteps();
    this.wholeSums?.dispose();
    this.wholeSums = undefined;
    this.loss.resetState();
    for (const { metric } of this.metrics ?? []) metric.resetState();
    this.metrics = undefined;
  }

  private dropWholeSteps(): void {
    if (this.wholeCount > 0) tf.tidy(() => this.wholeSums!.assign(tf.zeros([2])));
    this.wholeCount = 0;
  }

  private dropWaiting(): void {
    tf.dispose(this.waiting.flatMap((w) => [w.y, w.sampleWeight, w.pred, w.perSample].filter((t): t is tf.Tensor => t !== undefined)));
    this.waiting = [];
    this.waitingValues = 0;
  }
}

/** Whether two batches can be joined along the batch axis: the same parts, dtypes and sample shapes. */
function joinable(a: Waiting, b: Waiting): boolean {
  const same = (s: tf.Tensor | undefined, t: tf.Tensor | undefined) =>
    s === undefined ? t === undefined : t !== undefined && s.dtype === t.dtype && s.rank === t.rank && s.shape.every((d, i) => i === 0 || d === t.shape[i]);
  return same(a.y, b.y) && same(a.sampleWeight, b.sampleWeight) && same(a.pred, b.pred) && same(a.perSample, b.perSample);
}
