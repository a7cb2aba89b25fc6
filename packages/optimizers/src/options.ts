import { InvalidArgumentError, checkOptions, describeValue } from '@neuralkit/core';
import { isLearningRateSchedule, type LearningRateSchedule } from '@neuralkit/schedules';

/** The options every Keras optimizer takes (camelCase of Keras's arguments). */
export interface OptimizerOptions {
  /** A number (>= 0) or a schedule evaluated at the iteration count before each update. */
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay: `w -= w * weightDecay * lr` before each update. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm. At most one of the three clipping options. */
  clipnorm?: number | null;
  /** Clip each gradient element to [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  /** Gradients are divided by this factor before use (the loss was multiplied by it). */
  lossScaleFactor?: number | null;
  /** Keras's exponential moving average of weights: only `false` is supported. */
  useEma?: boolean;
  emaMomentum?: number;
  emaOverwriteFrequency?: number | null;
  /** Keras's gradient accumulation: only `null` is supported. */
  gradientAccumulationSteps?: number | null;
  name?: string;
}

export const COMMON_OPTIONS = [
  'learningRate', 'weightDecay', 'clipnorm', 'clipvalue', 'globalClipnorm', 'lossScaleFactor',
  'useEma', 'emaMomentum', 'emaOverwriteFrequency', 'gradientAccumulationSteps', 'name',
] as const;

/** Validation helpers: every error names the optimizer, the option and the value received. */
export class OptionChecks {
  constructor(readonly owner: string) {}

  /** Rejects options the optimizer does not know (Keras rejects unknown arguments). */
  known(options: object | undefined, extra: readonly string[]): void {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw InvalidArgumentError.expected(`options of ${this.owner}`, 'an options object', options);
    }
    checkOptions(this.owner, options, [...COMMON_OPTIONS, ...extra]);
  }

  private fail(name: string, expected: string, value: unknown): never {
    throw InvalidArgumentError.expected(`\`${name}\` of ${this.owner}`, expected, value);
  }

  number(name: string, value: unknown, fallback: number, min = -Infinity): number {
    const v = value === undefined ? fallback : value;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
      this.fail(name, min === -Infinity ? 'a finite number' : `a finite number >= ${min}`, v);
    }
    return v;
  }

  /** A number in [0, 1) (`beta_1`, `beta_2`) or [0, 1] when `closed`. */
  unit(name: string, value: unknown, fallback: number, closed = false): number {
    const v = value === undefined ? fallback : value;
    const ok = typeof v === 'number' && v >= 0 && (closed ? v <= 1 : v < 1);
    if (!ok) this.fail(name, `a number in [0, 1${closed ? ']' : ')'}`, v);
    return v as number;
  }

  /** null/undefined, or a finite positive number. */
  optionalPositive(name: string, value: unknown): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      this.fail(name, 'a finite number > 0 or null', value);
    }
    return value;
  }

  boolean(name: string, value: unknown, fallback: boolean): boolean {
    const v = value === undefined ? fallback : value;
    if (typeof v !== 'boolean') this.fail(name, 'true or false', v);
    return v;
  }

  learningRate(value: unknown, fallback: number): number | LearningRateSchedule {
    const v = value === undefined ? fallback : value;
    if (isLearningRateSchedule(v)) return v;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      this.fail('learning_rate', 'a finite number >= 0 or a learning rate schedule', v);
    }
    return v;
  }

  /** Keras: "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set." */
  oneClipping(clip: { clipnorm: number | null; clipvalue: number | null; globalClipnorm: number | null }): void {
    const set = Object.entries(clip).filter(([, v]) => v !== null);
    if (set.length > 1) {
      const received = set.map(([k, v]) => `${k === 'globalClipnorm' ? 'global_clipnorm' : k}=${describeValue(v)}`);
      throw new InvalidArgumentError(
        `Invalid clipping options of ${this.owner}: expected at most one of \`clipnorm\`, \`clipvalue\` and ` +
          `\`global_clipnorm\`, received ${received.join(', ')}.`,
      );
    }
  }

  unsupported(name: string, value: unknown, supported: unknown): void {
    if (value !== undefined && value !== supported) {
      throw new InvalidArgumentError(
        `Unsupported \`${name}\` of ${this.owner}: only ${describeValue(supported)} is supported, ` +
          `received ${describeValue(value)}.`,
      );
    }
  }
}
