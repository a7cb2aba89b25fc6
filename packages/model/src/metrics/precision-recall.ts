import * as tf from '@tensorflow/tfjs-core';
import { confusionCounts, NEG_INF } from './confusion-counts.js';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';
import { checkInteger, parseThresholds, thresholdTensor } from './thresholds.js';

export interface ConfusionMetricOptions {
  name?: string;
  dtype?: unknown;
  /** A prediction above it counts as positive; a list gives one figure per threshold. Default 0.5, or none with `topK`. In [0, 1]. */
  thresholds?: number | number[] | null;
  /** Only each sample's `topK` highest predictions can be positive (ties to the lower index). */
  topK?: number | null;
  /** Look only at this class's column. */
  classId?: number | null;
}

/**
 * Keras's `Precision` / `Recall`: weighted true positives and one other count per threshold,
 * kept on the device; the result is `TP / (TP + other)` (0 where nothing counted), one figure
 * per threshold.
 */
abstract class ConfusionRate extends Metric {
  readonly thresholds: number | number[] | null;
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly thresholdValues: number[];
  private thresholdsOnDevice: tf.Tensor1D | null = null;
  private readonly state = new DeviceState<'tp' | 'other'>();

  constructor(options: ConfusionMetricOptions = {}) {
    super(options);
    const owner = (this.constructor as unknown as { className: string }).className;
    this.topK = checkInteger(owner, 'top_k', options.topK, 1);
    this.classId = checkInteger(owner, 'class_id', options.classId, 0);
    this.thresholdValues = parseThresholds(owner, options.thresholds, this.topK === null ? 0.5 : NEG_INF);
    this.thresholds = options.thresholds ?? null;
  }

  /** Which count makes the denominator besides the true positives. */
  protected abstract readonly other: 'fp' | 'fn';

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.thresholdsOnDevice ??= thresholdTensor(this.thresholdValues);
    tf.tidy(() => {
      const counts = confusionCounts(yTrue, yPred, {
        thresholds: this.thresholdsOnDevice!,
        topK: this.topK,
        classId: this.classId,
        sampleWeight,
      });
      this.state.add('tp', counts.tp);
      this.state.add('other', counts[this.other]);
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      const n = this.thresholdValues.length;
      const tp = this.state.get('tp') ?? tf.zeros([n]);
      const rate = tf.divNoNan(tp, tf.add(tp, this.state.get('other') ?? tf.zeros([n])));
      return n === 1 ? tf.reshape(rate, []) : rate;
    });
  }

  override resetState(): void {
    this.state.reset();
    this.thresholdsOnDevice?.dispose();
    this.thresholdsOnDevice = null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.thresholds, top_k: this.topK, class_id: this.classId };
  }
}

/** `TP / (TP + FP)`, 0 while nothing was predicted positive (Keras's `Precision`). */
export class Precision extends ConfusionRate {
  static override readonly className = 'Precision';
  static readonly defaultName = 'precision';
  protected readonly other = 'fp';
}

/** `TP / (TP + FN)`, 0 while no label was positive (Keras's `Recall`). */
export class Recall extends ConfusionRate {
  static override readonly className = 'Recall';
  static readonly defaultName = 'recall';
  protected readonly other = 'fn';
}
