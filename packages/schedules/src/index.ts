export {
  LearningRateSchedule,
  isLearningRateSchedule,
} from './learning-rate-schedule.js';
export { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay.js';
export { PiecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './piecewise-constant-decay.js';
export { PolynomialDecay, type PolynomialDecayOptions } from './polynomial-decay.js';
export { InverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay.js';
export { CosineDecay, type CosineDecayOptions } from './cosine-decay.js';
export { CosineDecayRestarts, type CosineDecayRestartsOptions } from './cosine-decay-restarts.js';
export { scheduleRegistry, get, serialize } from './registry.js';
