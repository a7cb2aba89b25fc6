import { registerBackend } from '@neuralkit/core';
import { wasmBackend } from './wasm-backend.js';

// Importing the package makes 'wasm' known to useBackend('auto') and useBackend('wasm');
// nothing is activated until then.
registerBackend('wasm', () => wasmBackend());

export { wasmBackend, type WasmBackendOptions, type WasmBinaryName } from './wasm-backend.js';
export { FUSED_OPTIMIZERS, FUSED_UPDATE_LIMIT, optimizerKernelsUseSimd, registerOptimizerKernels } from './kernels/optimizer-kernels.js';
