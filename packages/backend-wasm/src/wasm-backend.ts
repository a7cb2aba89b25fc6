import * as tf from '@tensorflow/tfjs-core';
import { activateTfjsBackend, InvalidArgumentError, type Backend } from '@neuralkit/core';
import { registerConvKernels } from './kernels/conv/conv-kernels.js';
import { fixWasmKernels } from './kernel-fixes.js';
import { registerModelKernels } from './kernels/model-kernels.js';
import { prepareOptimizerKernels, registerOptimizerKernels } from './kernels/optimizer-kernels.js';

/** The three binaries tfjs-backend-wasm chooses between (plain, SIMD, threaded SIMD). */
export type WasmBinaryName =
  | 'tfjs-backend-wasm.wasm'
  | 'tfjs-backend-wasm-simd.wasm'
  | 'tfjs-backend-wasm-threaded-simd.wasm';

export interface WasmBackendOptions {
  /**
   * Where a browser fetches the `.wasm` binaries: a folder URL ending in `/`, or one URL
   * per binary (what a bundler's `?url` imports give). Not needed in Node, where the
   * binaries are read from the installed package.
   */
  wasmPaths?: string | Record<WasmBinaryName, string>;
  /** XNNPACK thread-pool size (threaded builds only; default: the number of cores). */
  threads?: number;
}

interface WasmFacts {
  simd: boolean;
  multithreaded: boolean;
  threads: number;
}

/**
 * WebAssembly kernels from `@tensorflow/tfjs-backend-wasm`: several times faster than cpu
 * for dense layers, in Node and in browsers, with the same float32 results.
 *
 * ```ts
 * await useBackend(wasmBackend());                                  // Node
 * await useBackend(wasmBackend({ wasmPaths: '/assets/tfjs-wasm/' })); // browser, served folder
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  checkOptions(options);
  let facts: WasmFacts | undefined;
  return {
    name: 'wasm',
    async isAvailable() {
      return hasWebAssembly();
    },
    async unavailableReason() {
      return hasWebAssembly() ? undefined : 'This JavaScript runtime has no WebAssembly support.';
    },
    async activate() {
      const wasm = await import('@tensorflow/tfjs-backend-wasm'); // registers the kernels
      fixWasmKernels();
      registerModelKernels();
      registerOptimizerKernels();
      registerConvKernels(); // Conv2DBackpropFilter, missing from tfjs-backend-wasm
      if (tf.findBackend('wasm') === null) {
        // Paths and threads are read once, when the backend first initialises.
        if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
        if (options.threads !== undefined) wasm.setThreadsCount(options.threads);
      }
      await activateTfjsBackend('wasm');
      await prepareOptimizerKernels(); // SIMD update loops over this backend's heap
      facts = {
        simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
        multithreaded: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
        threads: wasm.getThreadsCount(),
      };
    },
    describe() {
      return facts ? { ...facts } : {};
    },
  };
}

function hasWebAssembly(): boolean {
  const wa = (globalThis as { WebAssembly?: { instantiate?: unknown } }).WebAssembly;
  return typeof wa === 'object' && typeof wa.instantiate === 'function';
}

function checkOptions(options: WasmBackendOptions): void {
  const { threads, wasmPaths } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) {
    throw InvalidArgumentError.expected('`threads` of wasmBackend', 'a positive integer', threads);
  }
  if (wasmPaths !== undefined && typeof wasmPaths !== 'string' && (typeof wasmPaths !== 'object' || wasmPaths === null)) {
    throw InvalidArgumentError.expected('`wasmPaths` of wasmBackend', 'a folder URL or a map of binary name to URL', wasmPaths);
  }
}
