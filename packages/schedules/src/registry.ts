import { Registry, type Identifier, type SerializedObject } from '@neuralkit/core';
import type { LearningRateSchedule } from './learning-rate-schedule.js';
import { ExponentialDecay } from './exponential-decay.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { CosineDecay } from './cosine-decay.js';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';

/** The schedule family: the six Keras schedules; register your own subclasses here. */
export const scheduleRegistry = new Registry<LearningRateSchedule>('learning rate schedule')
  .register(ExponentialDecay)
  .register(PiecewiseConstantDecay, ['PiecewiseConstant'])
  .register(PolynomialDecay)
  .register(InverseTimeDecay)
  .register(CosineDecay)
  .register(CosineDecayRestarts, ['SGDRDecay']);

/** A `{ class_name, config }` object (Keras's form) or an instance; names alone lack required options. */
export function get(id: Identifier<LearningRateSchedule>): LearningRateSchedule {
  return scheduleRegistry.get(id);
}

/** Keras's `{ class_name, config }` of a schedule. */
export function serialize(schedule: LearningRateSchedule): SerializedObject {
  return scheduleRegistry.serialize(schedule);
}
