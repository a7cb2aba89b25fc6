import { isNode } from './node-builtins.js';

/**
 * What an adapter package provides: a small object that can say whether its tfjs backend
 * can run here and activate it. Adapters are factories (`cpuBackend()`); nothing activates
 * itself on import.
 *
 * ```ts
 * export function cpuBackend(): Backend {
 *   return {
 *     name: 'cpu',
 *     async isAvailable() { return true; },
 *     async activate() {
 *       await import('@tensorflow/tfjs-backend-cpu');   // registers the kernels
 *       await activateTfjsBackend('cpu');
 *     },
 *   };
 * }
 * ```
 */
export interface Backend {
  /** 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'cuda', or a custom name. */
  readonly name: string;
  /** Cheap, never throws. */
  isAvailable(): Promise<boolean>;
  /** Lazy-imports the tfjs backend, sets it and waits until it is ready. */
  activate(): Promise<void>;
  /** Why `isAvailable()` is false, in one sentence a user can act on. */
  unavailableReason?(): Promise<string | undefined>;
  /** Facts worth showing once active (threads, SIMD, GPU...). */
  describe?(): Record<string, unknown>;
}

export type BackendFactory = () => Backend;

const KEY = Symbol.for('neuralkit.backends');

/** Known adapters by name, on a global so duplicate copies of core agree. */
function factories(): Map<string, BackendFactory> {
  const g = globalThis as unknown as Record<symbol, Map<string, BackendFactory> | undefined>;
  return (g[KEY] ??= new Map());
}

/**
 * Makes an adapter known to `useBackend('auto')` and `useBackend('<name>')`. Adapter
 * packages call this when imported; it only records the factory.
 */
export function registerBackend(name: string, factory: BackendFactory): void {
  factories().set(name, factory);
}

export function registeredBackends(): string[] {
  return [...factories().keys()];
}

export function backendFactory(name: string): BackendFactory | undefined {
  return factories().get(name);
}

export type Platform = 'node' | 'browser';

export function currentPlatform(): Platform {
  return isNode() ? 'node' : 'browser';
}

/**
 * `'auto'`'s preference: the fastest backend that usually works on each platform first.
 * webgpu comes after webgl in browsers (tfjs's webgpu kernels cost more per operation than
 * webgl's for small models, and WebGPU is missing in many browsers) and last in Node, where
 * wasm and cpu train small models faster than tfjs's webgpu kernels do on a GPU.
 */
export const AUTO_ORDER: Record<Platform, readonly string[]> = {
  node: ['cuda', 'wasm', 'cpu', 'webgpu'],
  browser: ['webgl', 'webgpu', 'wasm', 'cpu'],
};
