import { KERNEL_NAMES, registerKernelTable, type KernelTable } from '@neuralkit/core';
import { biasActivationGrad } from './model-bias-activation.js';
import { accumulateMatches } from './model-accuracy.js';
import { batchNormTrain, batchNormTrainGrad } from './model-batch-norm.js';
import { softmaxCrossEntropy, sparseSoftmaxCrossEntropy } from './model-cross-entropy.js';
import { denseForward, denseGradInput, denseGradInputActivation, denseGradKernel, denseGradParams } from './model-dense.js';
import { gatherRows, scaledRows } from './model-rows.js';

const KERNELS: KernelTable = {
  [KERNEL_NAMES.dense]: denseForward,
  [KERNEL_NAMES.denseGradKernel]: denseGradKernel,
  [KERNEL_NAMES.denseGradInput]: denseGradInput,
  [KERNEL_NAMES.denseGradParams]: denseGradParams,
  [KERNEL_NAMES.denseGradInputActivation]: denseGradInputActivation,
  [KERNEL_NAMES.sparseSoftmaxCrossEntropy]: sparseSoftmaxCrossEntropy,
  [KERNEL_NAMES.softmaxCrossEntropy]: softmaxCrossEntropy,
  [KERNEL_NAMES.gatherRows]: gatherRows,
  [KERNEL_NAMES.scaledRows]: scaledRows,
  [KERNEL_NAMES.batchNormTrain]: batchNormTrain,
  [KERNEL_NAMES.batchNormTrainGrad]: batchNormTrainGrad,
  [KERNEL_NAMES.accumulateMatches]: accumulateMatches,
  [KERNEL_NAMES.biasActivationGrad]: biasActivationGrad,
};

/** Names of the `@neuralkit/model` kernels this backend provides. */
export const MODEL_KERNELS: readonly string[] = Object.keys(KERNELS);

/**
 * Registers the model's hot-path kernels for 'wasm' (once; skipped for a name another
 * package has registered). `@neuralkit/model` uses a kernel when the active backend has it.
 */
export function registerModelKernels(): void {
  registerKernelTable('wasm', KERNELS);
}
