import { registerBackend, useBackend, type Backend, type BackendInfo } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { wasmBackend } from '@neuralkit/backend-wasm';
import { webglBackend } from '@neuralkit/backend-webgl';
import { webgpuBackend } from '@neuralkit/backend-webgpu';

export const BACKEND_NAMES = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;

// The wasm binaries are served beside the page (copied by the build), so it works offline.
const wasmPaths = () => new URL('tfjs-wasm/', document.baseURI).href;
const factories: Record<(typeof BACKEND_NAMES)[number], () => Backend> = {
  webgl: webglBackend,
  webgpu: webgpuBackend,
  wasm: () => wasmBackend({ wasmPaths: wasmPaths() }),
  cpu: cpuBackend,
};
for (const name of BACKEND_NAMES) registerBackend(name, factories[name]);

/** Each adapter's availability here, with the reason when it is unavailable. */
export async function backendAvailability(): Promise<Array<{ name: string; reason?: string }>> {
  return Promise.all(
    BACKEND_NAMES.map(async (name) => {
      const backend = factories[name]();
      const available = await backend.isAvailable().catch(() => false);
      if (available) return { name };
      const reason = (await backend.unavailableReason?.().catch(() => undefined)) ?? 'not available here';
      return { name, reason };
    }),
  );
}

/** Activates `choice` ('auto' or a name). */
export function activateBackend(choice: string): Promise<BackendInfo> {
  return useBackend(choice);
}

/** One line for the page: the active backend, its facts, and what 'auto' passed over and why. */
export function describeBackend(info: BackendInfo): string {
  const facts = Object.entries(info.details)
    .filter(([key]) => key !== 'floatPrecision')
    .map(([key, value]) => `${key}: ${String(value)}`);
  const skipped = info.skipped.map((s) => `${s.name} skipped (${s.reason})`);
  return [`Backend: ${info.name} active`, `float precision: ${info.floatPrecision}`, ...facts, ...skipped].join(' · ');
}
