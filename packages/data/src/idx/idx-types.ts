/** The element types an IDX file can hold, by the type code in byte 2 of its magic number. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX array: row-major `data` of `shape`, in the file's element type. */
export interface IdxArray {
  dtype: IdxDtype;
  shape: number[];
  data: IdxData;
}

interface IdxTypeInfo {
  readonly dtype: IdxDtype;
  readonly code: number;
  readonly bytes: number;
  readonly create: (length: number) => IdxData;
}

export const IDX_TYPES: readonly IdxTypeInfo[] = [
  { dtype: 'uint8', code: 0x08, bytes: 1, create: (n) => new Uint8Array(n) },
  { dtype: 'int8', code: 0x09, bytes: 1, create: (n) => new Int8Array(n) },
  { dtype: 'int16', code: 0x0b, bytes: 2, create: (n) => new Int16Array(n) },
  { dtype: 'int32', code: 0x0c, bytes: 4, create: (n) => new Int32Array(n) },
  { dtype: 'float32', code: 0x0d, bytes: 4, create: (n) => new Float32Array(n) },
  { dtype: 'float64', code: 0x0e, bytes: 8, create: (n) => new Float64Array(n) },
];

export function idxTypeByCode(code: number): IdxTypeInfo | undefined {
  return IDX_TYPES.find((t) => t.code === code);
}

export function idxTypeByName(dtype: string): IdxTypeInfo | undefined {
  return IDX_TYPES.find((t) => t.dtype === dtype);
}

/** `0x00000803` — how magic numbers are printed in messages. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
