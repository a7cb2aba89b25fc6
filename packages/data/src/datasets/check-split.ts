import { DataFormatError } from '@neuralkit/core';
import { hex32, idxTypeByName, type IdxArray } from '../idx/idx-types.js';
import type { ByteSplit } from './byte-data.js';

const IMAGES_MAGIC = 0x00000803; // unsigned bytes, 3 dimensions
const LABELS_MAGIC = 0x00000801; // unsigned bytes, 1 dimension

/**
 * Checks a decoded images/labels pair as an MNIST-style split: byte images `[n, rows, cols]`,
 * `n` byte labels, each a class in 0–9. Errors name the file at fault.
 */
export function checkSplit(
  images: { array: IdxArray; source: string },
  labels: { array: IdxArray; source: string },
  numClasses = 10,
): ByteSplit {
  expectMagic(images.array, images.source, IMAGES_MAGIC, 'images: unsigned bytes, 3 dimensions');
  expectMagic(labels.array, labels.source, LABELS_MAGIC, 'labels: unsigned bytes, 1 dimension');
  const [n = 0, rows = 0, cols = 0] = images.array.shape;
  const y = labels.array.data as Uint8Array;
  if (y.length !== n) {
    throw new DataFormatError(labels.source, `label count ${y.length} differs from the image count ${n} of ${images.source}.`);
  }
  for (let i = 0; i < y.length; i++) {
    const label = y[i]!;
    if (label >= numClasses) {
      throw new DataFormatError(labels.source, `label ${label} at index ${i} is outside 0–${numClasses - 1}.`);
    }
  }
  return { x: images.array.data as Uint8Array, y, xShape: [n, rows, cols], yShape: [n] };
}

function expectMagic(array: IdxArray, source: string, magic: number, what: string): void {
  const received = ((idxTypeByName(array.dtype)?.code ?? 0) << 8) | array.shape.length;
  if (received !== magic) {
    throw new DataFormatError(source, `wrong magic number: expected ${hex32(magic)} (${what}), received ${hex32(received)}.`);
  }
}
