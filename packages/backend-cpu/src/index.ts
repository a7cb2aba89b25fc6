import { registerBackend } from '@neuralkit/core';
import { cpuBackend } from './cpu-backend.js';

// Importing the package makes 'cpu' known to useBackend('auto') and useBackend('cpu');
// nothing is activated until then.
registerBackend('cpu', cpuBackend);

export { cpuBackend };
export { registerOptimizerKernels, optimizerKernelName, FUSED_OPTIMIZERS } from './kernels/optimizer-kernels.js';
export { MODEL_KERNELS, registerModelKernels } from './kernels/model-kernels.js';
