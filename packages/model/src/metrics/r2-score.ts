import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { squeezeOrExpandToSameRank } from '@neuralkit/losses';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';

const AGGREGATIONS = [null, 'uniform_average', 'variance_weighted_average'] as const;
type Aggregation = (typeof AGGREGATIONS)[number];

export interface R2ScoreOptions {
  name?: string;
  dtype?: unknown;
  /** `'uniform_average'` (default), `'variance_weighted_average'`, or `null` for one score per output. */
  classAggregation?: Aggregation;
  /** Adjusted R² for this many independent regressors (0: plain R²). */
  numRegressors?: number;
}

/**
 * Keras's `R2Score` (coefficient of determination): weighted per-output sums of y, y² and the
 * squared residuals on the device; `1 - SS_res / SS_tot` per output, aggregated as configured.
 */
export class R2Score extends Metric {
  static override readonly className = 'R2Score';
  static readonly defaultName = 'r2_score';
  readonly classAggregation: Aggregation;
  readonly numRegressors: number;
  private readonly state = new DeviceState<'sum' | 'squaredSum' | 'residual' | 'count' | 'samples'>();

  constructor(options: R2ScoreOptions = {}) {
    super(options);
    const aggregation = options.classAggregation === undefined ? 'uniform_average' : options.classAggregation;
    if (!AGGREGATIONS.includes(aggregation)) {
      throw InvalidArgumentError.expected('`class_aggregation` of R2Score', "null, 'uniform_average' or 'variance_weighted_average'", aggregation);
    }
    const regressors = options.numRegressors ?? 0;
    if (!Number.isInteger(regressors) || regressors < 0) {
      throw InvalidArgumentError.expected('`num_regressors` of R2Score', 'an integer >= 0', regressors);
    }
    this.classAggregation = aggregation;
    this.numRegressors = regressors;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const [t, p] = squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
      if (t.rank !== 2 || p.rank !== 2) {
        throw new ShapeError(`R2Score expects inputs of shape [batch, outputs], received y_true [${t.shape.join(', ')}] and y_pred [${p.shape.join(', ')}].`);
      }
      let w = sampleWeight ? tf.cast(sampleWeight, 'float32') : tf.scalar(1);
      if (w.rank === 1) w = tf.expandDims(w, 1);
      w = tf.broadcastTo(w, t.shape);
      const weightedT = tf.mul(t, w);
      this.state.add('sum', tf.sum(weightedT, 0));
      this.state.add('squaredSum', tf.sum(tf.mul(t, weightedT), 0));
      this.state.add('residual', tf.sum(tf.mul(tf.squaredDifference(t, p), w), 0));
      this.state.add('count', tf.sum(w, 0));
      this.state.add('samples', tf.sum(tf.cast(tf.any(tf.notEqual(w, 0), -1), 'float32')));
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      if (this.state.empty) return tf.scalar(0);
      const [sum, squaredSum, residual, count, n] = (['sum', 'squaredSum', 'residual', 'count', 'samples'] as const).map((k) => this.state.get(k)!);
      const total = tf.sub(squaredSum!, tf.mul(sum!, tf.div(sum!, count!)));
      let raw = tf.sub(1, tf.div(residual!, total));
      raw = tf.where(tf.isInf(raw), tf.zerosLike(raw), raw);
      let score =
        this.classAggregation === 'uniform_average'
          ? tf.mean(raw)
          : this.classAggregation === 'variance_weighted_average'
            ? tf.div(tf.sum(tf.mul(total, raw)), tf.sum(total))
            : raw;
      if (this.numRegressors !== 0) {
        // Keras falls back to the plain score (with a warning) unless n - 1 > regressors.
        const k = this.numRegressors;
        const adjusted = tf.sub(1, tf.div(tf.mul(tf.sub(1, score), tf.sub(n!, 1)), tf.sub(tf.sub(n!, k), 1)));
        score = tf.where(tf.greater(tf.sub(n!, 1), k), adjusted, score);
      }
      return score;
    });
  }

  override resetState(): void {
    this.state.reset();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), class_aggregation: this.classAggregation, num_regressors: this.numRegressors };
  }
}
