import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { confusionCounts } from './confusion-counts.js';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';
import { checkInteger, checkUnit, evenThresholds } from './thresholds.js';

interface Options {
  name?: string;
  dtype?: unknown;
  /** Evenly spaced thresholds on [0, 1]; default 200 (1 means the single threshold 0.5). */
  numThresholds?: number;
  classId?: number | null;
}

type Rates = { tp: tf.Tensor; fp: tf.Tensor; tn: tf.Tensor; fn: tf.Tensor };

/**
 * Keras's `SensitivitySpecificityBase`: TP/FP/TN/FN at `num_thresholds` thresholds on the
 * device; the result is the best of one rate among the thresholds where another reaches the
 * configured value (0 where none does). A subclass names the two rates.
 */
abstract class AtConstraint extends Metric {
  readonly numThresholds: number;
  readonly classId: number | null;
  private readonly thresholds: number[];
  private readonly state = new DeviceState<keyof Rates>();

  constructor(options: Options, protected readonly value: number) {
    super(options);
    const owner = (this.constructor as unknown as { className: string }).className;
    const n = options.numThresholds ?? 200;
    if (!Number.isInteger(n) || n <= 0) throw InvalidArgumentError.expected(`\`num_thresholds\` of ${owner}`, 'an integer > 0', n);
    this.numThresholds = n;
    this.classId = checkInteger(owner, 'class_id', options.classId, 0);
    this.thresholds = n === 1 ? [0.5] : evenThresholds(n, 0, 1);
  }

  /** `[constrained, dependent]`: the result is max(dependent) where constrained ≥ value. */
  protected abstract rates(r: Rates): [tf.Tensor, tf.Tensor];

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const counts = confusionCounts(yTrue, yPred, { thresholds: tf.tensor1d(this.thresholds), classId: this.classId, sampleWeight });
      for (const key of ['tp', 'fp', 'tn', 'fn'] as const) this.state.add(key, counts[key]);
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      if (this.state.empty) return tf.scalar(0);
      const [tp, fp, tn, fn] = (['tp', 'fp', 'tn', 'fn'] as const).map((k) => this.state.get(k)!);
      const [constrained, dependent] = this.rates({ tp: tp!, fp: fp!, tn: tn!, fn: fn! });
      const feasible = tf.greaterEqual(constrained, this.value);
      return tf.max(tf.concat([tf.where(feasible, dependent, tf.zerosLike(dependent)), tf.zeros([1])]));
    });
  }

  override resetState(): void {
    this.state.reset();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), class_id: this.classId, num_thresholds: this.numThresholds };
  }
}

const recall = (r: Rates) => tf.divNoNan(r.tp, tf.add(r.tp, r.fn));
const specificity = (r: Rates) => tf.divNoNan(r.tn, tf.add(r.tn, r.fp));
const precision = (r: Rates) => tf.divNoNan(r.tp, tf.add(r.tp, r.fp));

/** The best sensitivity (recall) where specificity ≥ `specificity` (Keras's `SensitivityAtSpecificity`). */
export class SensitivityAtSpecificity extends AtConstraint {
  static override readonly className = 'SensitivityAtSpecificity';
  static readonly defaultName = 'sensitivity_at_specificity';
  readonly specificity: number;
  constructor(options: Options & { specificity: number }) {
    super(options, checkUnit('SensitivityAtSpecificity', 'specificity', options?.specificity));
    this.specificity = options.specificity;
  }
  protected rates(r: Rates): [tf.Tensor, tf.Tensor] {
    return [specificity(r), recall(r)];
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), specificity: this.specificity };
  }
}

/** The best specificity where sensitivity ≥ `sensitivity` (Keras's `SpecificityAtSensitivity`). */
export class SpecificityAtSensitivity extends AtConstraint {
  static override readonly className = 'SpecificityAtSensitivity';
  static readonly defaultName = 'specificity_at_sensitivity';
  readonly sensitivity: number;
  constructor(options: Options & { sensitivity: number }) {
    super(options, checkUnit('SpecificityAtSensitivity', 'sensitivity', options?.sensitivity));
    this.sensitivity = options.sensitivity;
  }
  protected rates(r: Rates): [tf.Tensor, tf.Tensor] {
    return [recall(r), specificity(r)];
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), sensitivity: this.sensitivity };
  }
}

/** The best precision where recall ≥ `recall` (Keras's `PrecisionAtRecall`). */
export class PrecisionAtRecall extends AtConstraint {
  static override readonly className = 'PrecisionAtRecall';
  static readonly defaultName = 'precision_at_recall';
  readonly recall: number;
  constructor(options: Options & { recall: number }) {
    super(options, checkUnit('PrecisionAtRecall', 'recall', options?.recall));
    this.recall = options.recall;
  }
  protected rates(r: Rates): [tf.Tensor, tf.Tensor] {
    return [recall(r), precision(r)];
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recall: this.recall };
  }
}

/** The best recall where precision ≥ `precision` (Keras's `RecallAtPrecision`). */
export class RecallAtPrecision extends AtConstraint {
  static override readonly className = 'RecallAtPrecision';
  static readonly defaultName = 'recall_at_precision';
  readonly precision: number;
  constructor(options: Options & { precision: number }) {
    super(options, checkUnit('RecallAtPrecision', 'precision', options?.precision));
    this.precision = options.precision;
  }
  protected rates(r: Rates): [tf.Tensor, tf.Tensor] {
    return [precision(r), recall(r)];
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), precision: this.precision };
  }
}
