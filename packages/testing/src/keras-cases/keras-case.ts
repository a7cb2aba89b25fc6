/** Nested numbers, as the NumPy arrays in Keras's tests. */
export type Nested = number | readonly Nested[];

/** One `update_state(y_true, y_pred, sample_weight)` call, or `update_state(values, sample_weight)` for `Mean`. */
export type MetricUpdate =
  | { yTrue: Nested; yPred: Nested; sampleWeight?: Nested; values?: undefined }
  | { values: Nested; sampleWeight?: Nested; yTrue?: undefined; yPred?: undefined };

/**
 * A case copied from Keras's own metric tests (`keras/src/metrics/*_test.py`): the metric
 * built from `config` (Keras's snake_case keys), the updates in order, and `result()` as
 * Keras's test asserts it, within that test's tolerance (`assertAllClose(atol, rtol)`).
 */
export interface KerasMetricCase {
  /** `<test file>::<TestClass>::<test method>`. */
  source: string;
  className: string;
  config?: Record<string, unknown>;
  updates: readonly MetricUpdate[];
  expected: Nested;
  /** Absolute tolerance of the Keras assertion (1e-6 when it gives none). */
  atol: number;
  /** Relative tolerance (1e-6 when the Keras assertion gives none). */
  rtol?: number;
}

/**
 * A case copied from `keras/src/losses/losses_test.py`: the loss built from `config`, called
 * once, compared as Keras's test does (`assertAlmostEqual(..., decimal)` → atol 1.5·10^-decimal).
 */
export interface KerasLossCase {
  source: string;
  className: string;
  config?: Record<string, unknown>;
  yTrue: Nested;
  yPred: Nested;
  sampleWeight?: Nested;
  expected: Nested;
  atol: number;
  rtol?: number;
}

/** `assertAlmostEqual(actual, desired, decimal)`: NumPy's bound `1.5 * 10^-decimal`. */
export const decimal = (places: number): number => 1.5 * 10 ** -places;

/** The tolerance of Keras's `assertAlmostEqual(actual, desired, decimal=3)`: absolute only. */
export const almostEqual = (places = 3): { atol: number; rtol: number } => ({ atol: decimal(places), rtol: 0 });

/** Whether `actual` is within `atol + rtol * |expected|` of `expected`, element by element (NumPy's allclose). */
export function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol = 1e-6): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) !== Number.isNaN(e)) return false;
    if (!Number.isNaN(e) && !(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return false;
  }
  return true;
}

/** Flattens nested numbers in row-major order. */
export function flat(values: Nested): number[] {
  return typeof values === 'number' ? [values] : values.flatMap((v) => flat(v));
}
