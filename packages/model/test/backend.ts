import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';

/** Activates a real backend for a test file. */
export async function activate(name: 'cpu' | 'wasm' = 'cpu'): Promise<void> {
  await useBackend(name === 'wasm' ? wasmBackend() : cpuBackend());
}
