import { InvalidArgumentError, isSerializedObject, type SerializedObject } from '@neuralkit/core';
import type { Loss } from '@neuralkit/losses';
import { get as getOptimizer, type Optimizer } from '@neuralkit/optimizers';
import { CompiledState, compileOptionsFromTrainingConfig, type CompileOptions, type MetricIdentifier } from '../training/compile.js';

type LossId = string | SerializedObject | Loss;
type PerOutput<T> = T | T[] | Record<string, T>;

/** `compile` options of a Functional model: losses, metrics and loss weights per output as lists or dicts by output name. */
export interface FunctionalCompileOptions {
  optimizer?: CompileOptions['optimizer'];
  loss: PerOutput<LossId>;
  metrics?: PerOutput<MetricIdentifier | MetricIdentifier[]> | null;
  lossWeights?: number[] | Record<string, number> | null;
}

/** One output's loss, weight and metrics; the optimizer is shared. */
export interface OutputTarget {
  name: string;
  weight: number;
  state: CompiledState;
}

function isDict(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isSerializedObject(value) && typeof (value as { compute?: unknown }).compute !== 'function' && typeof (value as { updateState?: unknown }).updateState !== 'function';
}

/** The entry of a per-output value for output `i`, from a single value, a list or a dict by name. */
function pick<T>(value: PerOutput<T> | undefined, names: readonly string[], i: number, what: string, single: (v: unknown) => boolean): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (isDict(value)) {
    for (const key of Object.keys(value)) {
      if (!names.includes(key)) throw new InvalidArgumentError(`compile(): \`${what}\` names output "${key}", but the model's outputs are [${names.join(', ')}].`);
    }
    return (value as Record<string, T>)[names[i]!];
  }
  if (Array.isArray(value) && !single(value)) {
    if (value.length !== names.length) {
      throw new InvalidArgumentError(`compile(): \`${what}\` as a list needs one entry per output (${names.length}: ${names.join(', ')}), received ${value.length}.`);
    }
    return value[i] as T;
  }
  return value as T;
}

/** Per-output compile states for a model whose outputs are named `names` (one entry per output). */
export function compileOutputs(options: FunctionalCompileOptions, names: readonly string[]): { optimizer: Optimizer; outputs: OutputTarget[] } {
  if (!options || options.loss === undefined || options.loss === null) {
    throw InvalidArgumentError.expected('`loss` in compile()', "a loss, a list of losses (one per output) or a dict by output name", options?.loss);
  }
  const optimizer = getOptimizer((options.optimizer ?? 'rmsprop') as never) as Optimizer;
  const multi = names.length > 1;
  const outputs = names.map((name, i) => {
    const loss = pick(options.loss, names, i, 'loss', () => false);
    if (loss === undefined) throw new InvalidArgumentError(`compile(): no loss for output "${name}".`);
    // A flat list of metrics applies to the one output of a single-output model.
    const metrics = pick(options.metrics ?? undefined, names, i, 'metrics', (v) => !multi && Array.isArray(v) && !(v as unknown[]).some(Array.isArray));
    const weight = pick(options.lossWeights ?? undefined, names, i, 'lossWeights', () => false) ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw InvalidArgumentError.expected(`loss weight of output "${name}"`, 'a finite number', weight);
    const metricIds = metrics === undefined ? [] : Array.isArray(metrics) ? metrics : [metrics];
    return { name, weight, state: new CompiledState({ optimizer, loss: loss as CompileOptions['loss'], metrics: metricIds }) };
  });
  return { optimizer, outputs };
}

/** Keras's `training_config` of a multi-output model: losses, metrics and weights as dicts by output name. */
export function outputsTrainingConfig(outputs: readonly OutputTarget[], optimizerConfig: unknown): Record<string, unknown> {
  const configs = outputs.map((o) => o.state.trainingConfig());
  const byName = (key: string) => Object.fromEntries(outputs.map((o, i) => [o.name, configs[i]![key]]));
  return {
    loss: byName('loss'),
    metrics: byName('metrics'),
    weighted_metrics: null,
    loss_weights: Object.fromEntries(outputs.map((o) => [o.name, o.weight])),
    optimizer_config: optimizerConfig,
  };
}

/** Compile options from Keras's `training_config` of a Functional model (per-output entries kept for several outputs). */
export function compileOptionsFromGraphTrainingConfig(config: Record<string, unknown>, names: readonly string[]): FunctionalCompileOptions {
  const single = compileOptionsFromTrainingConfig(config);
  if (names.length === 1) return single;
  const lossWeights = config.loss_weights as FunctionalCompileOptions['lossWeights'];
  const metrics = config.metrics as FunctionalCompileOptions['metrics'];
  return {
    optimizer: single.optimizer,
    loss: config.loss as FunctionalCompileOptions['loss'],
    ...(metrics ? { metrics } : {}),
    ...(lossWeights ? { lossWeights } : {}),
  };
}
