import h5wasm from 'h5wasm';
import type { File as H5File } from 'h5wasm';
import { DataFormatError, NeuralkitError } from '@neuralkit/core';
import { checkGlobalHeaps } from './global-heap-check.js';

type H5Module = Awaited<typeof h5wasm.ready>;

let modulePromise: Promise<H5Module> | undefined;

/**
 * The h5wasm module, started once. Its in-memory Emscripten file system holds the files we open,
 * so the same code runs in Node and in browsers with no real file system. HDF5 errors are turned
 * into exceptions (instead of being printed and returning an invalid id).
 */
export async function h5Module(): Promise<H5Module> {
  modulePromise ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
    return module;
  });
  return modulePromise;
}

let counter = 0;
function scratchPath(): string {
  counter += 1;
  return `/neuralkit-${Date.now().toString(36)}-${counter}.h5`;
}

/** The first line of an HDF5 error stack's innermost message, for our own error text. */
export function hdf5Reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const minors = [...text.matchAll(/in (\w+)\(\): ([^\n]+)/g)].map((m) => `${m[1]}: ${m[2]}`);
  return minors.at(-1) ?? text.split('\n')[0] ?? text;
}

/** Opens `bytes` read-only as an HDF5 file, runs `read`, and always closes and frees the file. */
export async function withH5Bytes<T>(bytes: Uint8Array, source: string, read: (file: H5File) => T): Promise<T> {
  checkGlobalHeaps(bytes, source);
  const module = await h5Module();
  const path = scratchPath();
  module.FS.writeFile(path, bytes);
  let file: H5File | undefined;
  try {
    try {
      file = new h5wasm.File(path, 'r');
    } catch (error) {
      throw new DataFormatError(source, `cannot open as HDF5 (${hdf5Reason(error)}).`, { cause: error });
    }
    try {
      return read(file);
    } catch (error) {
      if (error instanceof NeuralkitError) throw error;
      throw new DataFormatError(source, `damaged HDF5 content (${hdf5Reason(error)}).`, { cause: error });
    }
  } finally {
    try {
      file?.close();
    } finally {
      module.FS.unlink(path);
    }
  }
}

/**
 * Builds a new HDF5 file in memory with `write` and returns its bytes. Library version bounds
 * (earliest, v1.8) give superblock 0 and old-style groups, the subset h5py writes by default.
 */
export async function createH5Bytes(write: (file: H5File) => void): Promise<Uint8Array> {
  const module = await h5Module();
  const path = scratchPath();
  let file: H5File | undefined;
  try {
    file = new h5wasm.File(path, 'w', { libver: ['earliest', 'v108'] });
    write(file);
    file.close();
    file = undefined;
    return module.FS.readFile(path);
  } finally {
    try {
      file?.close();
    } finally {
      if (module.FS.analyzePath(path).exists) module.FS.unlink(path);
    }
  }
}
