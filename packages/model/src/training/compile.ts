import { InvalidArgumentError, isSerializedObject, type SerializedObject } from '@neuralkit/core';
import { get as getLoss, serialize as serializeLoss, type Loss } from '@neuralkit/losses';
import { get as getOptimizer, serialize as serializeOptimizer, type Optimizer } from '@neuralkit/optimizers';
import type { Metric } from '../metrics/metric.js';
import { get as getMetric, metricRegistry, serialize as serializeMetric } from '../metrics/registry.js';
import { isShorthand, resolveShorthand } from '../metrics/shorthand.js';

export type MetricIdentifier = string | SerializedObject | Metric;

export interface CompileOptions {
  /** `'adam'`, `{ class_name, config }` or an optimizer instance. Default `'rmsprop'`, as Keras. */
  optimizer?: string | SerializedObject | Optimizer;
  loss: string | SerializedObject | Loss;
  metrics?: MetricIdentifier[];
  /** Only the single-output forms Keras accepts for a Sequential: null or `[1]`. */
  lossWeights?: number[] | null;
  weightedMetrics?: MetricIdentifier[] | null;
}

/** What `compile` settles: the objects, and how they were given (for `training_config`). */
export class CompiledState {
  readonly optimizer: Optimizer;
  readonly loss: Loss;
  readonly metricIds: MetricIdentifier[];
  readonly weightedMetricIds: MetricIdentifier[];
  private readonly lossId: string | SerializedObject | Loss;

  constructor(options: CompileOptions) {
    if (!options || options.loss === undefined || options.loss === null) {
      throw InvalidArgumentError.expected('`loss` in compile()', "a loss such as 'sparse_categorical_crossentropy'", options?.loss);
    }
    if (options.lossWeights && !(options.lossWeights.length === 1 && options.lossWeights[0] === 1)) {
      throw InvalidArgumentError.expected('`lossWeights` of a single-output model', 'null or [1]', options.lossWeights);
    }
    this.optimizer = getOptimizer((options.optimizer ?? 'rmsprop') as never) as Optimizer;
    this.loss = withoutLabelReads(getLoss(options.loss as never) as Loss);
    this.lossId = options.loss;
    this.metricIds = flattenMetricIds(options.metrics ?? []);
    this.weightedMetricIds = flattenMetricIds(options.weightedMetrics ?? []);
  }

  /** Log names in Keras's order: `loss`, then the metrics (weighted ones too). */
  metricNames(): string[] {
    return ['loss', ...[...this.metricIds, ...this.weightedMetricIds].map(metricName)];
  }

  /**
   * Fresh metric objects for one fit/evaluate, with `'accuracy'` and `'crossentropy'` (and
   * their short forms) resolved from the shapes of labels and predictions as Keras does. `weighted` marks those that take sample weights.
   */
  createMetrics(yTrueShape: readonly number[], yPredShape: readonly number[]): Array<{ metric: Metric; weighted: boolean }> {
    const make = (id: MetricIdentifier) => (isShorthand(id) ? resolveShorthand(id, yTrueShape, yPredShape) : freshMetric(id));
    return [
      ...this.metricIds.map((id) => ({ metric: make(id), weighted: false })),
      ...this.weightedMetricIds.map((id) => ({ metric: make(id), weighted: true })),
    ];
  }

  /** Keras's `training_config` (as saved in .h5 files and tfjs-layers model.json). */
  trainingConfig(): Record<string, unknown> {
    const ser = (id: MetricIdentifier) => (typeof id === 'string' ? id : isSerializedObject(id) ? id : serializeMetric(id));
    return {
      loss: typeof this.lossId === 'string' ? this.lossId : serializeLoss(this.loss),
      metrics: this.metricIds.map(ser),
      weighted_metrics: this.weightedMetricIds.length ? this.weightedMetricIds.map(ser) : null,
      loss_weights: null,
      optimizer_config: serializeOptimizer(this.optimizer),
    };
  }
}

/**
 * fit and evaluate range-check sparse labels once, with an awaited read, before the first
 * batch; the loss they train with then skips its own per-call synchronous read of the labels
 * (a copy, so a loss object the caller keeps still checks).
 */
function withoutLabelReads(loss: Loss): Loss {
  const checking = loss as Loss & { validateLabels?: boolean };
  if (loss.className !== 'SparseCategoricalCrossentropy' || checking.validateLabels !== true) return loss;
  const copy = getLoss(serializeLoss(loss)) as Loss & { validateLabels: boolean };
  copy.validateLabels = false;
  return copy;
}

/** A metric given by name is logged under that name, as Keras does (`'mse'` → `mse`, not `mean_squared_error`). */
function freshMetric(id: MetricIdentifier): Metric {
  if (typeof id === 'string') return new (metricRegistry.lookup(id))({ name: id });
  if (isSerializedObject(id)) return getMetric(id);
  return id;
}

function metricName(id: MetricIdentifier): string {
  if (typeof id === 'string') return id;
  return freshMetric(id).name;
}

/** Keras files write metrics as lists, nested lists (per output) or MeanMetricWrapper objects. */
function flattenMetricIds(ids: unknown): MetricIdentifier[] {
  if (ids === null || ids === undefined) return [];
  if (!Array.isArray(ids)) {
    if (typeof ids === 'object' && !isSerializedObject(ids) && !('getConfig' in (ids as object))) {
      return Object.values(ids as Record<string, unknown>).flatMap(flattenMetricIds);
    }
    return flattenMetricIds([ids]);
  }
  const out: MetricIdentifier[] = [];
  for (const id of ids) {
    if (Array.isArray(id)) out.push(...flattenMetricIds(id));
    else if (isSerializedObject(id) && id.class_name === 'MeanMetricWrapper') {
      const config = (id.config ?? {}) as { fn?: unknown; name?: unknown };
      out.push(String(isShorthand(config.name) ? config.name : (config.fn ?? config.name)));
    } else if (typeof id === 'string' || isSerializedObject(id) || (id && typeof id === 'object')) {
      out.push(id as MetricIdentifier);
    } else {
      throw InvalidArgumentError.expected('metric', "a name such as 'accuracy', a { class_name, config } object or a Metric", id);
    }
  }
  return out;
}

/** The inverse of `trainingConfig()`: compile options from Keras's `training_config`. */
export function compileOptionsFromTrainingConfig(config: Record<string, unknown>): CompileOptions {
  const optimizer = config.optimizer_config as SerializedObject | undefined;
  let loss = config.loss as CompileOptions['loss'] | Record<string, unknown> | unknown[];
  if (Array.isArray(loss)) loss = loss[0] as CompileOptions['loss'];
  if (loss && typeof loss === 'object' && !isSerializedObject(loss)) loss = Object.values(loss)[0] as CompileOptions['loss'];
  return {
    optimizer: optimizer ? { class_name: optimizer.class_name, config: optimizer.config ?? {} } : undefined,
    loss: loss as CompileOptions['loss'],
    metrics: flattenMetricIds(config.metrics),
    weightedMetrics: flattenMetricIds(config.weighted_metrics),
  };
}
