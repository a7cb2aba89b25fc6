import type { Layer } from '@neuralkit/model';
import type { Optimizer } from '@neuralkit/optimizers';
import type { LearningRateSchedule } from '@neuralkit/schedules';
import { UsageError } from '../errors.js';
import type { ModelLibrary } from '../libraries.js';

export interface ModelOptions {
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

/** The lecture's model (Flatten → Dense(10, softmax)), with an optional Dense(N, relu) and Dropout. */
export function buildModel(lib: ModelLibrary, options: ModelOptions) {
  const stack: Layer[] = [lib.layers.flatten({ inputShape: [28, 28] })];
  if (options.hidden > 0) stack.push(lib.layers.dense({ units: options.hidden, activation: 'relu' }));
  if (options.dropout > 0) stack.push(lib.layers.dropout({ rate: options.dropout }));
  stack.push(lib.layers.dense({ units: 10, activation: 'softmax' }));
  return lib.sequential(stack);
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
