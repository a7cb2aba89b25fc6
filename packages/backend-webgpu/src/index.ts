import { registerBackend } from '@neuralkit/core';
import { webgpuBackend } from './webgpu-backend.js';

// Importing the package makes 'webgpu' known to useBackend('auto') and useBackend('webgpu');
// nothing is loaded or activated until then.
registerBackend('webgpu', webgpuBackend);

export { webgpuBackend };
export { SyncReadUnavailableError } from './errors.js';
export { NODE_WEBGPU_PACKAGE, NODE_WEBGPU_VERSION } from './gpu-source.js';
export { denseForward, type DenseActivation } from './kernels/dense-forward.js';
export { softmaxCrossEntropy } from './kernels/softmax-cross-entropy.js';
export { denseBackward } from './kernels/dense-backward.js';
export { adamUpdate, type AdamStep } from './kernels/adam-update.js';
export { FUSED_OPTIMIZERS, registerOptimizerKernels } from './kernels/optimizer-kernels.js';
export { MODEL_KERNELS, registerModelKernels } from './kernels/model-kernels.js';
export { WebgpuStepProgram, registerStepProgramForWebgpu } from './training/step-program.js';
export { setStepTiming, stepTiming } from './training/pass-timer.js';
