import { KERNEL_NAMES, registerKernelTable, type KernelTable } from '@neuralkit/core';
import { biasActivationGrad } from './bias-activation-grad.js';
import { accumulateMatches } from './accumulate-matches.js';
import { batchNormTrain, batchNormTrainGrad } from './batch-norm.js';
import { denseForward, denseGradInput, denseGradInputActivation, denseGradKernel, denseGradParams } from './dense.js';
import { gatherRows } from './gather-rows.js';
import { softmaxCrossEntropy } from './softmax-cross-entropy.js';
import { sparseSoftmaxCrossEntropy } from './sparse-softmax-cross-entropy.js';

const KERNELS: KernelTable = {
  [KERNEL_NAMES.dense]: denseForward,
  [KERNEL_NAMES.denseGradKernel]: denseGradKernel,
  [KERNEL_NAMES.denseGradInput]: denseGradInput,
  [KERNEL_NAMES.denseGradParams]: denseGradParams,
  [KERNEL_NAMES.denseGradInputActivation]: denseGradInputActivation,
  [KERNEL_NAMES.sparseSoftmaxCrossEntropy]: sparseSoftmaxCrossEntropy,
  [KERNEL_NAMES.softmaxCrossEntropy]: softmaxCrossEntropy,
  [KERNEL_NAMES.gatherRows]: gatherRows,
  [KERNEL_NAMES.batchNormTrain]: batchNormTrain,
  [KERNEL_NAMES.batchNormTrainGrad]: batchNormTrainGrad,
  [KERNEL_NAMES.accumulateMatches]: accumulateMatches,
  [KERNEL_NAMES.biasActivationGrad]: biasActivationGrad,
};

/** Names of the `KERNEL_NAMES` kernels this backend provides. */
export const MODEL_KERNELS: readonly string[] = Object.keys(KERNELS);

/** Registers the model's kernels for 'cpu' (once; a name already registered is left alone). */
export function registerModelKernels(): void {
  registerKernelTable('cpu', KERNELS);
}
