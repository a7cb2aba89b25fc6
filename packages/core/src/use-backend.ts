import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, InvalidArgumentError } from './errors.js';
import {
  AUTO_ORDER,
  backendFactory,
  currentPlatform,
  registeredBackends,
  type Backend,
  type Platform,
} from './backend.js';
import { registerGradients } from './gradients.js';

/** What `useBackend` chose. */
export interface BackendInfo {
  /** The adapter's name ('cpu', 'wasm', 'webgl', 'cuda'). */
  name: string;
  /** The tfjs backend now active (`tf.getBackend()`). */
  tfjsBackend: string;
  platform: Platform;
  /** 32, or 16 on WebGL devices without float32 textures. */
  floatPrecision: number;
  /** Adapter-specific facts: threads, SIMD, GPU. */
  details: Record<string, unknown>;
  /** Backends tried before this one, and why each was passed over. */
  skipped: Array<{ name: string; reason: string }>;
}

export type BackendChoice = Backend | string | 'auto' | readonly (Backend | string)[];

/**
 * Activates a backend: an adapter (`cpuBackend()`), a registered name (`'wasm'`), a list
 * tried in order, or `'auto'`: in Node cuda, then wasm, then cpu, then webgpu; in a browser
 * webgl, then webgpu, then wasm, then cpu, among the adapters that have been imported. In a list or `'auto'`, a
 * backend that is unavailable or fails to activate is skipped (`skipped` says why).
 */
export async function useBackend(choice: BackendChoice): Promise<BackendInfo> {
  registerGradients();
  const platform = currentPlatform();
  const candidates = candidatesFor(choice, platform);
  const skipped: BackendInfo['skipped'] = [];
  for (const backend of candidates) {
    const reason = await whyUnavailable(backend);
    if (reason !== undefined) {
      skipped.push({ name: backend.name, reason });
      if (candidates.length === 1) throw new BackendUnavailableError(backend.name, reason);
      continue;
    }
    try {
      await backend.activate();
    } catch (error) {
      // Available but failing to start (a WebGL context tfjs cannot use, an unreachable .wasm):
      // a list or 'auto' moves on to the next candidate; a single backend reports the error.
      if (candidates.length === 1) throw error;
      skipped.push({ name: backend.name, reason: `it failed to activate: ${(error as Error)?.message ?? String(error)}` });
      continue;
    }
    return {
      name: backend.name,
      tfjsBackend: tf.getBackend(),
      platform,
      floatPrecision: tf.backend().floatPrecision(),
      details: backend.describe?.() ?? {},
      skipped,
    };
  }
  const tried = skipped.map((s) => `${s.name} (${s.reason})`).join('; ');
  throw new BackendUnavailableError(
    'auto',
    `No backend is available. Tried: ${tried || 'none: import an adapter such as @neuralkit/backend-cpu first'}.`,
  );
}

async function whyUnavailable(backend: Backend): Promise<string | undefined> {
  let available: boolean;
  try {
    available = await backend.isAvailable();
  } catch {
    available = false;
  }
  if (available) return undefined;
  const reason = await backend.unavailableReason?.().catch(() => undefined);
  return reason ?? `the ${backend.name} backend is not available here`;
}

function candidatesFor(choice: BackendChoice, platform: Platform): Backend[] {
  if (choice === 'auto') {
    const known = registeredBackends();
    const preferred = AUTO_ORDER[platform].filter((n) => known.includes(n));
    const others = known.filter((n) => !AUTO_ORDER.node.includes(n) && !AUTO_ORDER.browser.includes(n));
    return [...preferred, ...others].map(resolveOne);
  }
  if (Array.isArray(choice)) return choice.map(resolveOne);
  return [resolveOne(choice as Backend | string)];
}

function resolveOne(choice: Backend | string): Backend {
  if (typeof choice !== 'string') {
    if (choice && typeof choice.activate === 'function') return choice;
    throw InvalidArgumentError.expected('backend', "an adapter such as cpuBackend(), a name or 'auto'", choice);
  }
  const factory = backendFactory(choice);
  if (!factory) {
    const known = registeredBackends();
    throw new BackendUnavailableError(
      choice,
      `Unknown backend "${choice}". Imported adapters: ${known.join(', ') || 'none'}; ` +
        `install and import @neuralkit/backend-${choice} to use it.`,
    );
  }
  return factory();
}

/**
 * Shared by the adapters: sets a tfjs backend whose kernels are registered and waits for it,
 * turning tfjs's `false` into an error that names the backend.
 */
export async function activateTfjsBackend(tfjsName: string): Promise<void> {
  registerGradients();
  const ok = await tf.setBackend(tfjsName);
  if (!ok) {
    throw new BackendUnavailableError(tfjsName, `The tfjs backend "${tfjsName}" failed to initialise.`);
  }
  await tf.ready();
}
