import type { Optimizer } from '@neuralkit/optimizers';
import type { LearningRateSchedule } from '@neuralkit/schedules';
import { UsageError } from '../errors.js';
import type { ModelLibrary } from '../libraries.js';
import { buildPreset, type ModelPreset } from './model-presets.js';

export interface ModelOptions {
  /** `lecture` (default) or `convnet`. */
  model?: ModelPreset;
  hidden: number;
  dropout: number;
  optimizer: string;
  learningRate?: number;
  schedule?: string;
  decaySteps?: number;
  decayRate?: number;
  staircase?: boolean;
  boundaries?: number[];
  values?: number[];
  endLearningRate?: number;
  power?: number;
  alpha?: number;
  firstDecaySteps?: number;
  cycle?: boolean;
  tMul?: number;
  mMul?: number;
  warmupTarget?: number;
  warmupSteps?: number;
}

/** The `--model` preset: the lecture's model (with `--hidden`, `--dropout`) or Keras's MNIST convnet. */
export function buildModel(lib: ModelLibrary, options: ModelOptions) {
  return buildPreset(lib, options);
}

function need<T>(value: T | undefined, flag: string, schedule: string): T {
  if (value === undefined) throw new UsageError(`--schedule ${schedule} needs ${flag}.`);
  return value;
}

/** The optimizer by name (unknown names list the known ones), with a rate or a schedule. */
export async function buildOptimizer(options: ModelOptions): Promise<Optimizer> {
  const optimizers = await import('@neuralkit/optimizers');
  const optimizer = optimizers.get(options.optimizer);
  const schedule = await buildSchedule(options);
  if (schedule !== undefined) optimizer.learningRate = schedule;
  else if (options.learningRate !== undefined) optimizer.learningRate = options.learningRate;
  return optimizer;
}

async function buildSchedule(o: ModelOptions): Promise<LearningRateSchedule | undefined> {
  if (!o.schedule) return undefined;
  const s = await import('@neuralkit/schedules');
  const name = o.schedule;
  if (name === 'piecewise') {
    return new s.PiecewiseConstantDecay({ boundaries: need(o.boundaries, '--boundaries', name), values: need(o.values, '--values', name) });
  }
  const initialLearningRate = need(o.learningRate, '--learning-rate', name);
  const steps = () => need(o.decaySteps, '--decay-steps', name);
  // Options the user did not give stay undefined, so the schedule applies Keras's defaults.
  const opt = <T extends object>(v: T) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as T;
  switch (name) {
    case 'exponential':
      return new s.ExponentialDecay(opt({ initialLearningRate, decaySteps: steps(), decayRate: need(o.decayRate, '--decay-rate', name), staircase: o.staircase }));
    case 'inverse-time':
      return new s.InverseTimeDecay(opt({ initialLearningRate, decaySteps: steps(), decayRate: need(o.decayRate, '--decay-rate', name), staircase: o.staircase }));
    case 'polynomial':
      return new s.PolynomialDecay(opt({ initialLearningRate, decaySteps: steps(), endLearningRate: o.endLearningRate, power: o.power, cycle: o.cycle }));
    case 'cosine':
      return new s.CosineDecay(opt({ initialLearningRate, decaySteps: steps(), alpha: o.alpha, warmupTarget: o.warmupTarget, warmupSteps: o.warmupSteps }));
    case 'cosine-restarts':
      return new s.CosineDecayRestarts(opt({ initialLearningRate, firstDecaySteps: need(o.firstDecaySteps, '--first-decay-steps', name), tMul: o.tMul, mMul: o.mMul, alpha: o.alpha }));
    default:
      throw new UsageError(`Unknown --schedule "${name}".`);
  }
}
