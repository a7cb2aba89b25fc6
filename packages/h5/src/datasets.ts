import type { Dataset, Entity, Group } from 'h5wasm';
import { DataFormatError } from '@neuralkit/core';
import { hdf5Reason } from './h5-runtime.js';

const FLOAT = 1;
const INTEGER = 0;
/** Above this a filtered (compressed) dataset is refused: no MNIST-scale model comes near it. */
const MAX_DATASET_BYTES = 2 ** 31;

function isDataset(entity: Entity | null): entity is Dataset {
  return entity !== null && (entity as { type?: unknown }).type === 'Dataset';
}

function isGroup(entity: Entity | null): entity is Group {
  return entity !== null && (entity as { type?: unknown }).type === 'Group';
}

/** The group at `path` under `parent`, or undefined. */
export function getGroup(parent: Group, path: string): Group | undefined {
  const entity = safeGet(parent, path);
  return isGroup(entity) ? entity : undefined;
}

function safeGet(parent: Group, path: string): Entity | null {
  try {
    return parent.get(path);
  } catch {
    return null;
  }
}

/** Limits for the values a dataset may declare, from the size of the file that holds it. */
export interface ReadLimits {
  fileBytes: number;
  source: string;
}

function checkDeclaredSize(dataset: Dataset, limits: ReadLimits): void {
  const meta = dataset.metadata;
  const bytes = meta.total_size * meta.size;
  const filtered = dataset.filters.length > 0;
  // Without filters the values are stored as they are, so they cannot be larger than the file.
  const allowed = filtered ? Math.min(MAX_DATASET_BYTES, limits.fileBytes * 1100) : limits.fileBytes;
  if (!Number.isFinite(bytes) || bytes > allowed) {
    throw new DataFormatError(
      limits.source,
      `dataset \`${dataset.path}\` declares shape [${(meta.shape ?? []).join(', ')}] (${bytes} bytes), ` +
        `expected at most ${allowed} bytes in a file of ${limits.fileBytes} bytes.`,
    );
  }
}

function checkedValue(dataset: Dataset, limits: ReadLimits): { meta: Dataset['metadata']; value: unknown } {
  try {
    checkDeclaredSize(dataset, limits);
    return { meta: dataset.metadata, value: dataset.value };
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    throw new DataFormatError(limits.source, `dataset \`${dataset.path}\`: damaged HDF5 content (${hdf5Reason(error)}).`, {
      cause: error,
    });
  }
}

/** A numeric dataset at `path` under `group`, as float32 or (for integer scalars) doubles. */
export function readNumericDataset(
  group: Group,
  path: string,
  limits: ReadLimits,
): { shape: number[]; dtype: 'float32' | 'int64'; data: Float32Array | Float64Array } {
  const entity = safeGet(group, path);
  if (!isDataset(entity)) {
    throw new DataFormatError(limits.source, `expected a dataset at \`${group.path}/${path}\`, found none.`);
  }
  const { meta, value } = checkedValue(entity, limits);
  const shape = (meta.shape ?? []).slice();
  if (meta.type === FLOAT && (value instanceof Float32Array || value instanceof Float64Array)) {
    return { shape, dtype: 'float32', data: Float32Array.from(value) };
  }
  if (meta.type === FLOAT && typeof value === 'number') {
    return { shape, dtype: 'float32', data: Float32Array.of(value) };
  }
  if (meta.type === INTEGER) {
    const values = typeof value === 'bigint' || typeof value === 'number' ? [value] : (value as ArrayLike<number | bigint>);
    return { shape, dtype: 'int64', data: Float64Array.from(Array.from(values, Number)) };
  }
  throw new DataFormatError(
    limits.source,
    `dataset \`${entity.path}\`: expected float or integer values, received HDF5 type class ${meta.type} ` +
      `(${meta.size} bytes).`,
  );
}

/** The dataset names in `group`, ordered as integers when they are numbers (`0, 1, 2, ..., 10`). */
export function datasetKeys(group: Group): string[] {
  const keys = group.keys().filter((key) => isDataset(safeGet(group, key)));
  const numeric = keys.every((key) => /^\d+$/.test(key));
  return numeric ? keys.sort((a, b) => Number(a) - Number(b)) : keys;
}
