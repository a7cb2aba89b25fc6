import { DataFormatError } from '@neuralkit/core';
import { hex32, idxTypeByCode, type IdxArray, type IdxData } from './idx-types.js';

export interface DecodeIdxOptions {
  /** Names the file or URL in error messages. */
  source?: string;
  /** gzip input: the most bytes it may inflate to (default `MAX_GUNZIP_BYTES`, 512 MiB). */
  maxBytes?: number;
}

/**
 * Decodes uncompressed IDX bytes (big-endian, as LeCun's format specifies). Byte-sized
 * elements are returned as a view over `bytes` (no copy); wider ones are converted to
 * the platform's typed arrays. Use `parseIdx` for input that may be gzip-compressed.
 */
export function decodeIdx(bytes: Uint8Array, options: DecodeIdxOptions = {}): IdxArray {
  const source = options.source ?? 'IDX data';
  if (bytes.length < 4) {
    throw new DataFormatError(source, `truncated file: expected at least a 4-byte magic number, received ${bytes.length} bytes.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = idxTypeByCode(bytes[2] ?? 0);
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || bytes[3] === 0) {
    throw new DataFormatError(
      source,
      `wrong magic number: expected 0x0000TTDD (two zero bytes, a type code 08/09/0b/0c/0d/0e, a dimension count of at least 1), received ${hex32(magic)}.`,
    );
  }
  const ndims = bytes[3] ?? 0;
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new DataFormatError(source, `truncated file: expected a ${headerBytes}-byte header for ${ndims} dimensions, received ${bytes.length} bytes.`);
  }
  const shape = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length < expected) {
    throw new DataFormatError(
      source,
      `truncated file: dimensions [${shape.join(', ')}] of ${type.dtype} need ${expected} bytes, received ${bytes.length}.`,
    );
  }
  if (bytes.length > expected) {
    throw new DataFormatError(
      source,
      `dimensions [${shape.join(', ')}] of ${type.dtype} do not match the size: expected ${expected} bytes, received ${bytes.length} (${bytes.length - expected} extra).`,
    );
  }
  return { dtype: type.dtype, shape, data: readElements(bytes, headerBytes, count, type) };
}

function readElements(
  bytes: Uint8Array,
  offset: number,
  count: number,
  type: { dtype: string; create: (n: number) => IdxData },
): IdxData {
  const at = bytes.byteOffset + offset;
  if (type.dtype === 'uint8') return new Uint8Array(bytes.buffer, at, count);
  if (type.dtype === 'int8') return new Int8Array(bytes.buffer, at, count);
  const view = new DataView(bytes.buffer, at, bytes.byteLength - offset);
  const out = type.create(count);
  const read = reader(type.dtype, view);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}

function reader(dtype: string, view: DataView): (i: number) => number {
  switch (dtype) {
    case 'int16':
      return (i) => view.getInt16(2 * i);
    case 'int32':
      return (i) => view.getInt32(4 * i);
    case 'float32':
      return (i) => view.getFloat32(4 * i);
    default:
      return (i) => view.getFloat64(8 * i);
  }
}
