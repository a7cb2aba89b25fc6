import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { IDX_TYPES, idxTypeByName, type IdxArray } from './idx-types.js';

/**
 * Encodes an array as uncompressed IDX bytes (big-endian), the inverse of `decodeIdx`.
 * `data` may be any array of numbers; values are stored as `dtype`.
 */
export function encodeIdx(array: {
  dtype: IdxArray['dtype'];
  shape: readonly number[];
  data: ArrayLike<number>;
}): Uint8Array {
  const type = idxTypeByName(array.dtype);
  if (type === undefined) {
    throw InvalidArgumentError.expected('IDX `dtype`', `one of ${IDX_TYPES.map((t) => t.dtype).join(', ')}`, array.dtype);
  }
  const { shape } = array;
  if (shape.length < 1 || shape.length > 255 || !shape.every((d) => Number.isInteger(d) && d >= 0 && d < 2 ** 32)) {
    throw InvalidArgumentError.expected('IDX `shape`', '1 to 255 non-negative 32-bit integer dimensions', shape);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (array.data.length !== count) {
    throw new ShapeError(`IDX data has ${array.data.length} elements, but shape [${shape.join(', ')}] needs ${count}.`);
  }
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + count * type.bytes);
  const view = new DataView(out.buffer);
  out[2] = type.code;
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const write = writer(array.dtype, view, header);
  const range = INTEGER_RANGES[array.dtype];
  for (let i = 0; i < count; i++) {
    const v = array.data[i] ?? 0;
    // DataView would wrap or truncate a value the type cannot hold (256 → 0 as uint8).
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1])) {
      throw InvalidArgumentError.expected(`IDX ${array.dtype} value at index ${i}`, `an integer from ${range[0]} to ${range[1]}`, v);
    }
    write(i, v);
  }
  return out;
}

const INTEGER_RANGES: Partial<Record<IdxArray['dtype'], readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-(2 ** 31), 2 ** 31 - 1],
};

function writer(dtype: string, view: DataView, at: number): (i: number, v: number) => void {
  switch (dtype) {
    case 'uint8':
      return (i, v) => view.setUint8(at + i, v);
    case 'int8':
      return (i, v) => view.setInt8(at + i, v);
    case 'int16':
      return (i, v) => view.setInt16(at + 2 * i, v);
    case 'int32':
      return (i, v) => view.setInt32(at + 4 * i, v);
    case 'float32':
      return (i, v) => view.setFloat32(at + 4 * i, v);
    default:
      return (i, v) => view.setFloat64(at + 8 * i, v);
  }
}
