import { InvalidArgumentError, checkOptions } from '@neuralkit/core';

/**
 * A learning rate that depends on the optimizer step (one step = one batch), as Keras's
 * `LearningRateSchedule`. Subclasses implement `valueAt` and `getConfig` and declare
 * `static readonly className`; register them in `scheduleRegistry` to make them loadable.
 *
 * ```ts
 * class HalvingEveryEpoch extends LearningRateSchedule {
 *   static readonly className = 'HalvingEveryEpoch';
 *   readonly initialLearningRate: number;
 *   constructor(options: { initialLearningRate: number }) {
 *     super();
 *     this.initialLearningRate = options.initialLearningRate;
 *   }
 *   valueAt(step: number): number {
 *     return this.initialLearningRate * 0.5 ** Math.floor(step / 1875);
 *   }
 *   getConfig() {
 *     return { initial_learning_rate: this.initialLearningRate };
 *   }
 * }
 * scheduleRegistry.register(HalvingEveryEpoch);
 * ```
 */
export abstract class LearningRateSchedule {
  /** The learning rate at `step` (the optimizer's iteration count before the update). */
  abstract valueAt(step: number): number;
  /** Keras's config: snake_case keys, Keras names and defaults. */
  abstract getConfig(): Record<string, unknown>;
}

/** Anything with `valueAt(step)` and `getConfig()` is a schedule (checked by shape, not `instanceof`). */
export function isLearningRateSchedule(value: unknown): value is LearningRateSchedule {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as LearningRateSchedule).valueAt === 'function' &&
    typeof (value as LearningRateSchedule).getConfig === 'function'
  );
}

/** Validation helpers shared by the schedules; each error names the schedule and the value. */
export class ScheduleChecks {
  constructor(
    readonly owner: string,
    options: object | undefined,
    known: readonly string[],
  ) {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw InvalidArgumentError.expected(`options of ${owner}`, 'an options object', options);
    }
    checkOptions(owner, options, known);
  }

  finite(name: string, value: unknown, fallback?: number): number {
    const v = value === undefined ? fallback : value;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, 'a finite number', v);
    }
    return v;
  }

  positive(name: string, value: unknown, fallback?: number): number {
    const v = this.finite(name, value, fallback);
    if (v <= 0) throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, 'a number > 0', v);
    return v;
  }

  nonNegative(name: string, value: unknown, fallback?: number): number {
    const v = this.finite(name, value, fallback);
    if (v < 0) throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, 'a number >= 0', v);
    return v;
  }

  boolean(name: string, value: unknown, fallback: boolean): boolean {
    const v = value === undefined ? fallback : value;
    if (typeof v !== 'boolean') {
      throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, 'true or false', v);
    }
    return v;
  }

  string(name: string, value: unknown, fallback: string): string {
    const v = value === undefined || value === null ? fallback : value;
    if (typeof v !== 'string') throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, 'a string', v);
    return v;
  }
}

/** Validates a step before a schedule evaluates it. */
export function checkStep(owner: string, step: number): void {
  if (typeof step !== 'number' || Number.isNaN(step)) {
    throw InvalidArgumentError.expected(`step for ${owner}.valueAt`, 'a number', step);
  }
}
