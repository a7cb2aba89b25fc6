import { DataFormatError } from '@neuralkit/core';
import type { KerasModelFile } from './keras-file.js';
import { isZip, readKerasArchive } from './read-keras-archive.js';
import { describeStart, isHdf5, readKerasH5 } from './read-h5.js';
import { sourceBytes, type ModelSource } from './source-bytes.js';

/**
 * Reads a Keras model file (legacy `.h5` or Keras 3 `.keras`) from a path, bytes, a Blob or a File
 * into the neutral form. The format is told by the bytes, not by the name.
 */
export async function readKerasModelFile(source: ModelSource): Promise<KerasModelFile> {
  const { bytes, name } = await sourceBytes(source);
  if (isHdf5(bytes)) return readKerasH5(bytes, name);
  if (isZip(bytes)) return readKerasArchive(bytes, name);
  throw new DataFormatError(
    name,
    `not a Keras model file: expected HDF5 (.h5, signature \\x89HDF) or a .keras zip (signature PK), received ${describeStart(bytes)}.`,
  );
}
