import { InvalidArgumentError } from 'commander';

// Commander option parsers: a bad value becomes commander's usage error (exit code 2)
// saying what was expected and what was received.

function number(raw: string, name: string, expected: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`${name} expected ${expected}, received "${raw}".`);
  }
  return value;
}

export function positiveInt(name: string) {
  return (raw: string): number => {
    const value = number(raw, name, 'a positive integer');
    if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${name} expected a positive integer, received ${raw}.`);
    return value;
  };
}

export function nonNegativeInt(name: string) {
  return (raw: string): number => {
    const value = number(raw, name, 'an integer ≥ 0');
    if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} expected an integer ≥ 0, received ${raw}.`);
    return value;
  };
}

export function positiveNumber(name: string) {
  return (raw: string): number => {
    const value = number(raw, name, 'a positive number');
    if (value <= 0) throw new InvalidArgumentError(`${name} expected a positive number, received ${raw}.`);
    return value;
  };
}

/** A rate in [0, 1) such as a dropout rate or a validation split. */
export function fraction(name: string) {
  return (raw: string): number => {
    const value = number(raw, name, 'a number in [0, 1)');
    if (value < 0 || value >= 1) throw new InvalidArgumentError(`${name} expected a number in [0, 1), received ${raw}.`);
    return value;
  };
}

export function anyNumber(name: string) {
  return (raw: string): number => number(raw, name, 'a number');
}

/** "0.1,0.01,0.001" → [0.1, 0.01, 0.001]. */
export function numberList(name: string) {
  return (raw: string): number[] => raw.split(',').map((part) => number(part, name, 'comma-separated numbers'));
}

export function integer(name: string) {
  return (raw: string): number => {
    const value = number(raw, name, 'an integer');
    if (!Number.isInteger(value)) throw new InvalidArgumentError(`${name} expected an integer, received ${raw}.`);
    return value;
  };
}
