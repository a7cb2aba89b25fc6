import { readdirSync } from 'node:fs';
import { librarySearchDirs, missingSharedLibraries, type LibrarySearchOptions } from '@neuralkit/core';

/**
 * The shared libraries that tfjs-node-gpu 4.22.0's libtensorflow 2.9.1 (built for CUDA 11.2 and
 * cuDNN 8.1) opens at run time, by the exact names it asks the loader for. CUDA 11.x minor
 * releases and cuDNN 8.x keep these names, so any 11.2+ / 8.1+ libraries satisfy them. Where one
 * is missing, TensorFlow does not fail: it logs a warning and runs on the CPU.
 */
export const CUDA_LIBRARIES = [
  'libcuda.so.1', // the NVIDIA driver
  'libcudart.so.11.0',
  'libcublas.so.11',
  'libcublasLt.so.11',
  'libcufft.so.10',
  'libcurand.so.10',
  'libcusolver.so.11',
  'libcusparse.so.11',
  'libcudnn.so.8',
] as const;

/** One missing library, and other versions of it the loader would find (a newer CUDA, say). */
export interface MissingLibrary {
  name: string;
  otherVersions: string[];
}

/** The CUDA libraries the loader would not find here, in `CUDA_LIBRARIES` order. Never throws. */
export async function missingCudaLibraries(options: LibrarySearchOptions = {}): Promise<MissingLibrary[]> {
  const missing = await missingSharedLibraries(CUDA_LIBRARIES, options);
  if (missing.length === 0) return [];
  const dirs = await librarySearchDirs(options);
  return missing.map((name) => ({ name, otherVersions: otherVersionsOf(name, dirs) }));
}

function otherVersionsOf(name: string, dirs: readonly string[]): string[] {
  const stem = name.slice(0, name.indexOf('.so.') + 4); // 'libcudart.so.'
  const found = new Set<string>();
  for (const dir of dirs) {
    try {
      for (const entry of readdirSync(dir)) if (entry.startsWith(stem) && entry !== name) found.add(entry);
    } catch {
      // a folder in the search path that does not exist: the loader skips it too
    }
  }
  return [...found].sort();
}

/** "libcudart.so.11.0 (found libcudart.so.13 only), libcudnn.so.8" */
export function describeMissing(missing: readonly MissingLibrary[]): string {
  return missing
    .map(({ name, otherVersions }) => (otherVersions.length ? `${name} (found ${otherVersions.join(', ')} only)` : name))
    .join(', ');
}
