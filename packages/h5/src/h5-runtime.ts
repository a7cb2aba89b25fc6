import type { File as H5File } from 'h5wasm';
import { DataFormatError, NeuralkitError } from '@neuralkit/core';
import { checkGlobalHeaps } from './global-heap-check.js';
import { LibraryState } from './h5-library-state.js';
import { captureInstances } from './wasm-instance-capture.js';

type H5Wasm = typeof import('h5wasm').default;
type H5Module = Awaited<H5Wasm['ready']>;

/** The h5wasm API, its Emscripten module, and (when it could be reached) the library's first state. */
export interface H5Runtime {
  h5wasm: H5Wasm;
  module: H5Module;
  state: LibraryState | undefined;
}

let runtimePromise: Promise<H5Runtime> | undefined;

async function startRuntime(): Promise<H5Runtime> {
  // Loaded here rather than imported at the top, so its WebAssembly instance is created while
  // captureInstances watches (a module imported earlier would have made it already).
  const { value: h5wasm, instances } = await captureInstances(async () => {
    const loaded = (await import('h5wasm')).default;
    await loaded.ready;
    return loaded;
  });
  const module = await h5wasm.ready;
  // HDF5 errors become exceptions instead of being printed with an invalid id returned.
  module.activate_throwing_error_handler();
  return { h5wasm, module, state: LibraryState.find(instances, module.FS as never) };
}

/**
 * The h5wasm runtime, started once. Its in-memory Emscripten file system holds the files we open,
 * so the same code runs in Node and in browsers with no real file system.
 */
export async function h5Runtime(): Promise<H5Runtime> {
  runtimePromise ??= startRuntime();
  return runtimePromise;
}

/** The h5wasm Emscripten module (its file system and low-level calls). */
export async function h5Module(): Promise<H5Module> {
  return (await h5Runtime()).module;
}

/** Gives the library back its first state once a file is closed (see LibraryState). */
function resetLibrary(runtime: H5Runtime): void {
  runtime.state?.restore(runtime.module.FS as never);
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
  const runtime = await h5Runtime();
  const { h5wasm, module } = runtime;
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
    } catch {
      // A file the library could not close leaves nothing behind: the reset below drops it.
    } finally {
      module.FS.unlink(path);
      resetLibrary(runtime);
    }
  }
}

/**
 * Builds a new HDF5 file in memory with `write` and returns its bytes. Library version bounds
 * (earliest, v1.8) give superblock 0 and old-style groups, the subset h5py writes by default.
 */
export async function createH5Bytes(write: (file: H5File) => void): Promise<Uint8Array> {
  const runtime = await h5Runtime();
  const { h5wasm, module } = runtime;
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
    } catch {
      // As in withH5Bytes: the reset drops what the library could not close.
    } finally {
      if (module.FS.analyzePath(path).exists) module.FS.unlink(path);
      resetLibrary(runtime);
    }
  }
}
