import fc from 'fast-check';

/** How the cases of one fuzz run ended. */
export interface FuzzCounts {
  parser: string;
  cases: number;
  typedErrors: number;
  successes: number;
  defects: number;
}

export interface FuzzTarget<T> {
  /** Printed with the counts: "IDX (gzip)", ".keras", ... */
  parser: string;
  /** The inputs: mutations of real files. */
  inputs: fc.Arbitrary<T>;
  /** Parses one input; resolving is a success. */
  parse: (input: T) => unknown;
  /** Text every error message must contain (the file's name); default: none required. */
  source?: string;
  /** Errors that count as typed besides NeuralkitError subclasses (a CLI's usage error). */
  isExpected?: (error: unknown) => boolean;
}

/** A typed error: a NeuralkitError subclass (checked by its `code`, never `instanceof` across packages). */
export function isTypedError(error: unknown, source?: string): boolean {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'string') return false;
  const chain: string[] = [];
  for (let p = Object.getPrototypeOf(error); p && p !== Error.prototype; p = Object.getPrototypeOf(p)) chain.push(p.constructor.name);
  return chain.includes('NeuralkitError') && (source === undefined || error.message.includes(source));
}

/** Cases per parser: `FUZZ_RUNS` when set (the fuzz script), else `ciRuns`. */
export function fuzzRuns(ciRuns: number): number {
  const env = typeof process !== 'undefined' ? Number(process.env.FUZZ_RUNS) : NaN;
  return Number.isInteger(env) && env > 0 ? env : ciRuns;
}

/** A test timeout for a fuzz test: `ciMs` in the normal run, an hour under the fuzz script. */
export function fuzzTimeout(ciMs: number): number {
  const env = typeof process !== 'undefined' ? Number(process.env.FUZZ_RUNS) : NaN;
  return Number.isInteger(env) && env > 0 ? 3_600_000 : ciMs;
}

/**
 * Runs `runs` cases of `target` and counts outcomes. A defect (any error that is not a
 * NeuralkitError naming the source, or a case over `timeoutMs`) fails the run; fast-check's
 * message then gives the seed and the shrunk input, so `FUZZ_SEED=<seed>` replays it.
 */
export async function runFuzz<T>(target: FuzzTarget<T>, options: { runs: number; timeoutMs?: number }): Promise<FuzzCounts> {
  const counts: FuzzCounts = { parser: target.parser, cases: 0, typedErrors: 0, successes: 0, defects: 0 };
  const seedEnv = typeof process !== 'undefined' ? Number(process.env.FUZZ_SEED) : NaN;
  const property = fc.asyncProperty(target.inputs, async (input) => {
    counts.cases += 1;
    // Long runs show where they are (the counts so far), every 1,000 cases.
    if (options.runs > 1000 && counts.cases % 1000 === 0) console.log(`${formatCounts(counts)} (running)`);
    try {
      await target.parse(input);
      counts.successes += 1;
    } catch (error) {
      if (isTypedError(error, target.source) || target.isExpected?.(error) === true) {
        counts.typedErrors += 1;
        return;
      }
      counts.defects += 1;
      throw error;
    }
  });
  const result = await fc.check(property, {
    numRuns: options.runs,
    timeout: options.timeoutMs ?? 20_000,
    endOnFailure: true,
    ...(Number.isInteger(seedEnv) ? { seed: seedEnv } : {}),
  });
  if (result.failed) {
    const cause = result.errorInstance;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}\n${cause.stack ?? ''}` : String(cause);
    throw new Error(
      `${target.parser}: fuzz defect (replay with FUZZ_SEED=${result.seed}): ${reason}\n${fc.defaultReportMessage(result)}`,
      { cause },
    );
  }
  console.log(formatCounts(counts));
  return counts;
}

export function formatCounts(c: FuzzCounts): string {
  return `fuzz ${c.parser}: cases ${c.cases}, typed errors ${c.typedErrors}, successes ${c.successes}, defects ${c.defects}`;
}
