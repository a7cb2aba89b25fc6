import { importNodeBuiltin, NeuralkitError } from '@neuralkit/core';
import type { FileSpec, SourceFile } from '../datasets/dataset-spec.js';

/** Reads `<name>` or `<name>.gz` from `dir` (Node). */
export async function readFromDir(dir: string, file: FileSpec): Promise<SourceFile> {
  const { readdir, readFile } = await importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  const { join } = await importNodeBuiltin<typeof import('node:path')>('node:path');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (cause) {
    throw new NeuralkitError(`Cannot read the data folder ${dir}: ${(cause as Error).message}`, 'DATA_SOURCE_MISSING', { cause });
  }
  const found = [file.name, `${file.name}.gz`].find((n) => entries.includes(n));
  if (found === undefined) {
    throw new NeuralkitError(
      `${dir}: missing ${file.name} (raw or .gz); the folder holds ${entries.length ? entries.join(', ') : 'nothing'}.`,
      'DATA_SOURCE_MISSING',
    );
  }
  const path = join(dir, found);
  const buffer = await readFile(path);
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), source: path };
}
