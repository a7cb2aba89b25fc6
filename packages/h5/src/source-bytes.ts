import { DataFormatError, InvalidArgumentError, describeValue, importNodeBuiltin } from '@neuralkit/core';

/** Something a Keras model can be read from: bytes, a Blob or File (browser upload), or a Node path. */
export type ModelSource = ArrayBuffer | ArrayBufferView | Blob | string;

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** True for in-memory sources (not paths). */
export function isByteSource(value: unknown): value is ArrayBuffer | ArrayBufferView | Blob {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value) || isBlob(value);
}

/** The bytes of a source, with a name for error messages. */
export async function sourceBytes(source: ModelSource): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name: 'ArrayBuffer' };
  if (ArrayBuffer.isView(source)) {
    return { bytes: new Uint8Array(source.buffer, source.byteOffset, source.byteLength), name: source.constructor.name };
  }
  if (isBlob(source)) {
    return { bytes: new Uint8Array(await source.arrayBuffer()), name: sourceName(source) };
  }
  if (typeof source === 'string') {
    const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
    if (!isNode) {
      throw InvalidArgumentError.expected('model source', 'an ArrayBuffer, Uint8Array, Blob or File in the browser', source);
    }
    const { readFile } = await importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
    try {
      return { bytes: new Uint8Array(await readFile(source)), name: source };
    } catch (error) {
      throw new DataFormatError(source, `cannot read the file (${(error as Error).message}).`, { cause: error });
    }
  }
  throw InvalidArgumentError.expected('model source', 'a path, ArrayBuffer, Uint8Array, Blob or File', describeValue(source));
}

/** A name for a source in error messages, without reading it. */
export function sourceName(source: unknown): string {
  if (typeof source === 'string') return source;
  if (isBlob(source)) return typeof (source as { name?: unknown }).name === 'string' ? (source as File).name : 'Blob';
  if (source instanceof ArrayBuffer) return 'ArrayBuffer';
  return ArrayBuffer.isView(source) ? source.constructor.name : typeof source;
}
