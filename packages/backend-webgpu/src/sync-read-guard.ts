import * as tf from '@tensorflow/tfjs-core';
import { SyncReadUnavailableError } from './errors.js';

interface TensorRecord {
  values?: unknown;
  dtype: string;
  shape: number[];
}
interface WebgpuKernelBackend {
  readSync(dataId: object): unknown;
  tensorMap: { get(dataId: object): TensorRecord | undefined };
}

const GUARDED = Symbol.for('neuralkit.webgpu.syncReadGuard');

/**
 * Where there is no `OffscreenCanvas` (Node), tfjs-backend-webgpu's `readSync` fails deep
 * inside with `ReferenceError: OffscreenCanvas is not defined`. Values still held on the CPU
 * (not yet uploaded, or already read once) are returned as before; the others throw a
 * `SyncReadUnavailableError` that names the tensor and the way out.
 */
export function guardSyncReads(): void {
  if (typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'function') return;
  const backend = tf.findBackend('webgpu') as unknown as (WebgpuKernelBackend & Record<symbol, boolean>) | null;
  if (!backend || backend[GUARDED]) return;
  const original = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    const record = backend.tensorMap.get(dataId);
    if (record && record.values == null && record.dtype !== 'string') {
      throw new SyncReadUnavailableError(record.shape ?? [], record.dtype);
    }
    return original(dataId);
  };
  backend[GUARDED] = true;
}
