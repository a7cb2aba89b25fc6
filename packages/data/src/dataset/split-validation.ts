import { InvalidArgumentError } from '@neuralkit/core';

/**
 * Keras's `validation_split`: the LAST `fraction` of the samples, taken before any shuffling,
 * become the validation set. The split point is `floor(length * (1 - fraction))`, as Keras 3's
 * `train_validation_split` computes it; an empty side is an error, as there.
 */
export function splitValidation<T extends { length: number; slice(start: number, end: number): T }>(
  dataset: T,
  fraction: number,
): { train: T; validation: T } {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) {
    throw InvalidArgumentError.expected('`validationSplit`', 'a number between 0 and 1 (exclusive)', fraction);
  }
  const n = dataset.length;
  const splitAt = Math.floor(n * (1 - fraction));
  if (splitAt === 0 || splitAt === n) {
    throw InvalidArgumentError.expected(
      '`validationSplit`',
      `a fraction that leaves both sides non-empty for ${n} samples`,
      fraction,
    );
  }
  return { train: dataset.slice(0, splitAt), validation: dataset.slice(splitAt, n) };
}
