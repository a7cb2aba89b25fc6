import { registerBackend } from '@neuralkit/core';
import { cudaBackend } from './cuda-backend.js';

// Importing the package makes 'cuda' known to useBackend('auto') and useBackend('cuda');
// nothing is loaded or activated until then.
registerBackend('cuda', cudaBackend);

export { cudaBackend };
export { CUDA_REQUIREMENT, TFJS_NODE_GPU, TFJS_NODE_GPU_VERSION, installSteps } from './install-help.js';
export { CUDA_LIBRARIES, missingCudaLibraries, type MissingLibrary } from './cuda-libraries.js';
