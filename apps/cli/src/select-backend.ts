import { useBackend, type BackendInfo } from '@neuralkit/core';
import { UsageError } from './errors.js';

export const BACKEND_CHOICES = ['auto', 'cpu', 'wasm', 'cuda', 'webgpu'] as const;
export type BackendChoiceName = (typeof BACKEND_CHOICES)[number];

/** Imports the Node adapters (each registers itself) and activates the chosen one. */
export async function selectBackend(choice: string): Promise<BackendInfo> {
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) {
    throw new UsageError(`--backend expected one of ${BACKEND_CHOICES.join(', ')}, received "${choice}".`);
  }
  await Promise.all([
    import('@neuralkit/backend-cpu'),
    import('@neuralkit/backend-wasm'),
    import('@neuralkit/backend-cuda'),
    import('@neuralkit/backend-webgpu'),
  ]);
  return useBackend(choice);
}
