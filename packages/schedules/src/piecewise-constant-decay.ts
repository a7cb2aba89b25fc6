import { InvalidArgumentError } from '@neuralkit/core';
import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface PiecewiseConstantDecayOptions {
  /** Strictly increasing steps. */
  boundaries: number[];
  /** One more value than boundaries. */
  values: number[];
  name?: string;
}

/**
 * `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, the last value after the last boundary:
 * a step on a boundary takes the earlier value (Keras `PiecewiseConstantDecay`).
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: number[];
  readonly values: number[];
  readonly name: string;

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const o = options ?? ({} as PiecewiseConstantDecayOptions);
    const c = new ScheduleChecks('PiecewiseConstantDecay', options, ['boundaries', 'values', 'name']);
    this.boundaries = numberList('boundaries', o.boundaries, c);
    this.values = numberList('values', o.values, c);
    if (this.boundaries.length !== this.values.length - 1) {
      throw new InvalidArgumentError(
        `Invalid \`values\` of PiecewiseConstantDecay: expected one more value than boundaries ` +
          `(${this.boundaries.length + 1}), received ${this.values.length} values.`,
      );
    }
    for (let i = 1; i < this.boundaries.length; i++) {
      if (this.boundaries[i]! <= this.boundaries[i - 1]!) {
        throw InvalidArgumentError.expected(
          '`boundaries` of PiecewiseConstantDecay',
          'strictly increasing numbers',
          this.boundaries,
        );
      }
    }
    this.name = c.string('name', o.name, 'PiecewiseConstant');
  }

  valueAt(step: number): number {
    checkStep('PiecewiseConstantDecay', step);
    for (let i = 0; i < this.boundaries.length; i++) {
      if (step <= this.boundaries[i]!) return Math.fround(this.values[i]!);
    }
    return Math.fround(this.values[this.values.length - 1]!);
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}

function numberList(name: string, value: unknown, c: ScheduleChecks): number[] {
  if (!Array.isArray(value)) {
    throw InvalidArgumentError.expected(`\`${name}\` of PiecewiseConstantDecay`, 'an array of numbers', value);
  }
  return value.map((v: unknown) => c.finite(name, v));
}
