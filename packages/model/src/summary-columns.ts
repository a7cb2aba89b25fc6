import { InvalidArgumentError } from '@neuralkit/core';

/** Keras's `print_summary` defaults for a sequential-like model. */
export const DEFAULT_POSITIONS = [0.45, 0.8, 1.0] as const;
const MAX_LINE_LENGTH = 88;

/**
 * The line length Keras 3 uses when none is given: `min(88, terminal columns - 4)`, where the
 * terminal width comes from `COLUMNS`, else the TTY, else Python's fallback of 80 columns.
 */
export function defaultLineLength(): number {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined>; stdout?: { isTTY?: boolean; columns?: number } } }).process;
  const fromEnv = Number.parseInt(proc?.env?.COLUMNS ?? '', 10);
  const tty = proc?.stdout?.isTTY ? proc.stdout.columns : undefined;
  const columns = fromEnv > 0 ? fromEnv : tty && tty > 0 ? tty : 80;
  return Math.min(MAX_LINE_LENGTH, columns - 4);
}

/** Python's `round` (halves to even), which rich's `ratio_reduce` relies on. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Outer column widths (cell padding included, borders not) of the table Keras asks rich for:
 * each column gets `int(position * lineLength)` minus the previous position plus one space of
 * padding per side, and rich then shrinks the columns evenly to fit the table into `lineLength`.
 * At 76 (an 80-column terminal) this gives 33/24/15; at 88, 38/29/17.
 */
export function columnWidths(lineLength: number, positions: readonly number[] = DEFAULT_POSITIONS): number[] {
  if (!Number.isInteger(lineLength) || lineLength <= 0) {
    throw InvalidArgumentError.expected('`lineLength` of summary()', 'a positive integer', lineLength);
  }
  const absolute = positions[positions.length - 1]! <= 1 ? positions.map((p) => Math.floor(p * lineLength)) : [...positions];
  const widths: number[] = [];
  let current = 0;
  for (const position of absolute) {
    const width = position - current;
    if (width < 4) throw new InvalidArgumentError(`Insufficient console width to print the summary: a column of ${width} characters (line length ${lineLength}).`);
    widths.push(width + 2);
    current += width;
  }
  // rich: the table's width minus its vertical borders is what the columns may take.
  const available = lineLength - (widths.length + 1);
  const total = widths.reduce((a, b) => a + b, 0);
  return total > available ? shrink(widths, total - available) : grow(widths, available - total);
}

/** rich's `ratio_reduce` with equal ratios: takes `excess` off the columns as evenly as it can. */
function shrink(widths: readonly number[], excess: number): number[] {
  let remaining = widths.length;
  return widths.map((width) => {
    const cut = Math.min(width, roundHalfEven(excess / remaining));
    excess -= cut;
    remaining -= 1;
    return width - cut;
  });
}

/** rich's `ratio_distribute`: a table given a width spreads the spare columns in proportion. */
function grow(widths: readonly number[], spare: number): number[] {
  let ratioLeft = widths.reduce((a, b) => a + b, 0);
  let spareLeft = spare;
  return widths.map((width) => {
    const add = ratioLeft > 0 ? Math.ceil((width * spareLeft) / ratioLeft) : spareLeft;
    ratioLeft -= width;
    spareLeft -= add;
    return width + add;
  });
}
