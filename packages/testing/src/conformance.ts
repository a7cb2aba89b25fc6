import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Backend } from '@neuralkit/core';
import { conformanceCases, type ConformanceCase } from './conformance-cases.js';

export interface ConformanceOptions {
  /** The backend under test (an adapter or a registered name). */
  backend: Backend | string;
  /** What it is compared with; default the registered 'cpu' adapter. */
  reference?: Backend | string;
  /** Allowed |actual − expected| ≤ tolerance · max(1, |expected|); default 1e-5. */
  tolerance?: number;
  /** Defaults to every case in `conformanceCases`. */
  cases?: readonly ConformanceCase[];
}

export interface ConformanceResult {
  name: string;
  passed: boolean;
  /** Largest |actual − expected| / max(1, |expected|) over all outputs. */
  maxError: number;
  /** Set when the case threw or the outputs differ in shape or dtype. */
  error?: string;
}

export interface ConformanceReport {
  backend: string;
  reference: string;
  tolerance: number;
  passed: boolean;
  results: ConformanceResult[];
}

interface Output {
  shape: number[];
  dtype: string;
  values: ArrayLike<number>;
}

/**
 * Runs the same ops and gradients on `backend` and on `reference` (cpu) and compares them.
 * Plain functions, no test runner: a browser page can call it for webgl. Leaves `backend`
 * active when it returns, and leaks no tensors.
 */
export async function runBackendConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const tolerance = options.tolerance ?? 1e-5;
  const cases = options.cases ?? conformanceCases;
  const reference = await useBackend(options.reference ?? 'cpu');
  const expected = cases.map((c) => evaluate(c));
  const actualInfo = await useBackend(options.backend);
  const results = cases.map((c, i) => compare(c.name, expected[i]!, evaluate(c), tolerance));
  return {
    backend: actualInfo.name,
    reference: reference.name,
    tolerance,
    passed: results.every((r) => r.passed),
    results,
  };
}

function evaluate(c: ConformanceCase): Output[] | Error {
  let tensors: tf.Tensor[] = [];
  try {
    tensors = tf.tidy(() => {
      const out = c.run();
      return Array.isArray(out) ? out : [out];
    });
    return tensors.map((t) => ({ shape: t.shape, dtype: t.dtype, values: t.dataSync() as ArrayLike<number> }));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    tf.dispose(tensors);
  }
}

function compare(name: string, expected: Output[] | Error, actual: Output[] | Error, tolerance: number): ConformanceResult {
  if (expected instanceof Error) return { name, passed: false, maxError: Infinity, error: `reference failed: ${expected.message}` };
  if (actual instanceof Error) return { name, passed: false, maxError: Infinity, error: actual.message };
  let maxError = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]!;
    const a = actual[k];
    if (!a || a.dtype !== e.dtype || a.shape.join() !== e.shape.join()) {
      const got = a ? `${a.dtype} [${a.shape.join(', ')}]` : 'nothing';
      return { name, passed: false, maxError: Infinity, error: `output ${k}: expected ${e.dtype} [${e.shape.join(', ')}], received ${got}` };
    }
    for (let i = 0; i < e.values.length; i++) {
      const want = e.values[i]!;
      const err = Math.abs(a.values[i]! - want) / Math.max(1, Math.abs(want));
      maxError = Math.max(maxError, Number.isNaN(err) ? Infinity : err);
    }
  }
  return { name, passed: maxError <= tolerance, maxError };
}

/** One line per case, for logs and browser pages. */
export function formatConformanceReport(report: ConformanceReport): string {
  const lines = report.results.map(
    (r) => `${r.passed ? 'ok  ' : 'FAIL'} ${r.name}: max error ${r.maxError.toExponential(2)}${r.error ? ` (${r.error})` : ''}`,
  );
  const verdict = report.passed ? 'all agree' : 'DISAGREE';
  return [`${report.backend} vs ${report.reference} (tolerance ${report.tolerance}): ${verdict}`, ...lines].join('\n');
}
