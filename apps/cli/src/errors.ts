import pc from 'picocolors';

/** Exit codes: 0 success, 1 the job failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Training stopped by Ctrl-C: not a failure, but not a finished job either (exit code 130). */
export class InterruptedError extends Error {
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'InterruptedError';
    this.details = details;
  }
}

/** A job failure (exit code 1) with what to do about it as a second line. */
export class JobError extends Error {
  readonly hint: string | undefined;
  readonly code: string | undefined;
  constructor(message: string, options: { hint?: string; code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'JobError';
    this.hint = options.hint;
    this.code = options.code;
  }
}

/** neuralkit library errors that mean "you asked for something that cannot be": exit code 2. */
const USAGE_CODES = new Set(['INVALID_ARGUMENT', 'UNKNOWN_IDENTIFIER', 'BACKEND_UNAVAILABLE']);

export function exitCodeOf(error: unknown): number {
  if (error instanceof InterruptedError) return EXIT_INTERRUPTED;
  if (error instanceof UsageError) return EXIT_USAGE;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && USAGE_CODES.has(code)) return EXIT_USAGE;
  return EXIT_FAILURE;
}

export interface ReportErrorOptions {
  debug: boolean;
  json: boolean;
}

/**
 * Prints an error as one or two lines on stderr (the message, then what to do), and with
 * `--json` also as the last JSON line on stdout. The stack only with `--debug`.
 */
export function reportError(error: unknown, options: ReportErrorOptions): number {
  const exitCode = exitCodeOf(error);
  if (error instanceof InterruptedError) {
    process.stderr.write(`${error.message}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify({ interrupted: true, ...error.details, exit_code: exitCode })}\n`);
    return exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Backend messages end with the steps to enable it: shown as the second line.
  const [problem, steps] = message.split(/ (?=To enable it: )/, 2) as [string, string?];
  const hint = error instanceof UsageError || error instanceof JobError ? error.hint : steps;
  process.stderr.write(`${pc.red('error')} ${problem}\n`);
  if (hint) process.stderr.write(`${pc.dim(hint)}\n`);
  if (options.debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: message, exit_code: exitCode })}\n`);
  return exitCode;
}
