import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { EPSILON } from '@neuralkit/losses';
import { confusionCounts } from './confusion-counts.js';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';
import { evenThresholds, parseThresholds } from './thresholds.js';

const CURVES = ['ROC', 'PR', 'PRGAIN'] as const;
const SUMMATIONS = ['interpolation', 'minoring', 'majoring'] as const;

export interface AUCOptions {
  name?: string;
  dtype?: unknown;
  /** Evenly spaced thresholds on [0, 1] (default 200); ignored when `thresholds` is given. */
  numThresholds?: number;
  /** `'ROC'` (default), `'PR'` or `'PRGAIN'`, any case. */
  curve?: string;
  /** `'interpolation'` (default), `'minoring'` or `'majoring'`. */
  summationMethod?: string;
  /** Inner thresholds in [0, 1]; 0 − ε and 1 + ε are added. */
  thresholds?: number[] | null;
  /** One curve per label (last axis), averaged (or weighted by `labelWeights`). */
  multiLabel?: boolean;
  /** Accepted for Keras configs; the label count is read from the first batch. */
  numLabels?: number | null;
  labelWeights?: number[] | null;
  /** Predictions are logits: a sigmoid is applied first. */
  fromLogits?: boolean;
}

function oneOf<T extends string>(owner: string, what: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw InvalidArgumentError.expected(`\`${what}\` of ${owner}`, `one of ${allowed.join(', ')}`, value);
  return found;
}

/**
 * Keras's `AUC`: weighted TP/FP/TN/FN at each threshold kept on the device, and the area under
 * the ROC, PR or PR-gain curve by a Riemann sum (PR with `interpolation`: Davis & Goadrich's
 * interpolation, as Keras).
 */
export class AUC extends Metric {
  static override readonly className = 'AUC';
  static readonly defaultName = 'auc';
  readonly numThresholds: number;
  readonly curve: (typeof CURVES)[number];
  readonly summationMethod: (typeof SUMMATIONS)[number];
  readonly multiLabel: boolean;
  readonly numLabels: number | null;
  readonly labelWeights: number[] | null;
  readonly fromLogits: boolean;
  /** Every threshold, the two outer ones included. */
  readonly thresholds: number[];
  private readonly manualThresholds: boolean;
  private readonly state = new DeviceState<'tp' | 'fp' | 'tn' | 'fn'>();

  constructor(options: AUCOptions = {}) {
    super(options);
    const numThresholds = options.numThresholds ?? 200;
    this.manualThresholds = options.thresholds != null;
    if (this.manualThresholds) {
      const inner = [...parseThresholds('AUC', options.thresholds, 0.5)].sort((a, b) => a - b);
      this.thresholds = [-EPSILON, ...inner, 1 + EPSILON];
    } else {
      if (!Number.isInteger(numThresholds) || numThresholds <= 1) {
        throw InvalidArgumentError.expected('`num_thresholds` of AUC', 'an integer > 1', numThresholds);
      }
      this.thresholds = evenThresholds(numThresholds, -EPSILON, 1 + EPSILON);
    }
    this.numThresholds = this.thresholds.length;
    this.curve = oneOf('AUC', 'curve', options.curve ?? 'ROC', CURVES);
    this.summationMethod = oneOf('AUC', 'summation_method', options.summationMethod ?? 'interpolation', SUMMATIONS);
    this.multiLabel = options.multiLabel ?? false;
    this.numLabels = options.numLabels ?? null;
    if (this.numLabels !== null && !this.multiLabel) {
      throw new InvalidArgumentError('AUC: `num_labels` is needed only when `multi_label` is true.');
    }
    this.labelWeights = options.labelWeights ?? null;
    this.fromLogits = options.fromLogits ?? false;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    if (this.multiLabel && yPred.rank !== 2) {
      throw new InvalidArgumentError(`AUC: y_pred must have rank 2 when multi_label is true, received shape [${yPred.shape.join(', ')}].`);
    }
    tf.tidy(() => {
      const counts = confusionCounts(yTrue, this.fromLogits ? tf.sigmoid(yPred) : yPred, {
        thresholds: tf.tensor1d(this.thresholds),
        sampleWeight,
        multiLabel: this.multiLabel,
        labelWeights: this.multiLabel || !this.labelWeights ? null : tf.tensor1d(this.labelWeights),
      });
      for (const key of ['tp', 'fp', 'tn', 'fn'] as const) this.state.add(key, counts[key]);
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      if (this.state.empty) return tf.scalar(0);
      const [tp, fp, tn, fn] = (['tp', 'fp', 'tn', 'fn'] as const).map((k) => this.state.get(k)!);
      const terms =
        this.curve === 'PR' && this.summationMethod === 'interpolation'
          ? interpolatedPrTerms(tp!, fp!, fn!)
          : riemannTerms(this.curvePoints(tp!, fp!, tn!, fn!), this.summationMethod);
      if (!this.multiLabel) return tf.sum(terms);
      const byLabel = tf.sum(terms, 0);
      if (!this.labelWeights) return tf.mean(byLabel);
      const w = tf.tensor1d(this.labelWeights);
      return tf.divNoNan(tf.sum(tf.mul(byLabel, w)), tf.sum(w));
    });
  }

  /** `[x, y]` of the curve at each threshold. */
  private curvePoints(tp: tf.Tensor, fp: tf.Tensor, tn: tf.Tensor, fn: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const recall = tf.divNoNan(tp, tf.add(tp, fn));
    if (this.curve === 'ROC') return [tf.divNoNan(fp, tf.add(fp, tn)), recall];
    if (this.curve === 'PR') return [recall, tf.divNoNan(tp, tf.add(tp, fp))];
    const scale = tf.divNoNan(tf.add(tp, fn), tf.add(tn, fp));
    const noTp = tf.equal(tp, 0);
    const recallGain = tf.where(noTp, tf.zerosLike(tp), tf.sub(1, tf.mul(scale, tf.divNoNan(fn, tp))));
    const precisionGain = tf.where(noTp, tf.onesLike(tp), tf.sub(1, tf.mul(scale, tf.divNoNan(fp, tp))));
    return [tf.maximum(recallGain, 0), precisionGain];
  }

  override resetState(): void {
    this.state.reset();
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: this.multiLabel,
      num_labels: this.numLabels,
      label_weights: this.labelWeights,
      from_logits: this.fromLogits,
      ...(this.manualThresholds ? { thresholds: this.thresholds.slice(1, -1) } : {}),
    };
  }
}

/** The first `n - 1` and the last `n - 1` entries along axis 0. */
function pairs(t: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const n = t.shape[0]!;
  return [tf.slice(t, 0, n - 1), tf.slice(t, 1, n - 1)];
}

function riemannTerms([x, y]: [tf.Tensor, tf.Tensor], method: (typeof SUMMATIONS)[number]): tf.Tensor {
  const [xa, xb] = pairs(x);
  const [ya, yb] = pairs(y);
  const heights = method === 'interpolation' ? tf.div(tf.add(ya, yb), 2) : method === 'minoring' ? tf.minimum(ya, yb) : tf.maximum(ya, yb);
  return tf.mul(tf.sub(xa, xb), heights);
}

/** Keras's `interpolate_pr_auc`: precision interpolated between thresholds, as Davis & Goadrich. */
function interpolatedPrTerms(tp: tf.Tensor, fp: tf.Tensor, fn: tf.Tensor): tf.Tensor {
  const [tpa, tpb] = pairs(tp);
  const p = tf.add(tp, fp);
  const [pa, pb] = pairs(p);
  const dtp = tf.sub(tpa, tpb);
  const slope = tf.divNoNan(dtp, tf.maximum(tf.sub(pa, pb), 0));
  const intercept = tf.sub(tpb, tf.mul(slope, pb));
  const bothPositive = tf.logicalAnd(tf.greater(pa, 0), tf.greater(pb, 0));
  const ratio = tf.where(bothPositive, tf.divNoNan(pa, tf.maximum(pb, 0)), tf.onesLike(pb));
  const [, fnb] = pairs(fn);
  return tf.divNoNan(tf.mul(slope, tf.add(dtp, tf.mul(intercept, tf.log(ratio)))), tf.maximum(tf.add(tpb, fnb), 0));
}
