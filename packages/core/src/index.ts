import './gradients.js';

export {
  BackendUnavailableError,
  DataFormatError,
  InvalidArgumentError,
  NeuralkitError,
  ShapeError,
  UnknownIdentifierError,
  describeValue,
} from './errors.js';
export {
  camelToSnake,
  classNameOf,
  configToOptions,
  isConfigurable,
  isSerializedObject,
  snakeToCamel,
  type Configurable,
  type ConfigurableClass,
  type SerializedObject,
} from './serialization.js';
export { inSource } from './in-source.js';
export { PROTOTYPE_KEYS, checkNoPrototypeKeys } from './prototype-keys.js';
export { Registry, checkOptions, normalizeName, type Identifier } from './registry.js';
export {
  isRandomSeeded,
  nextRandom,
  nextSeed,
  nextUint32,
  seededRandom,
  setRandomSeed,
  shuffleInPlace,
} from './random.js';
export {
  AUTO_ORDER,
  currentPlatform,
  registerBackend,
  registeredBackends,
  type Backend,
  type BackendFactory,
  type Platform,
} from './backend.js';
export { activateTfjsBackend, useBackend, type BackendChoice, type BackendInfo } from './use-backend.js';
export { registerGradients } from './gradients.js';
export { importNodeBuiltin, isNode } from './node-builtins.js';
export {
  findSharedLibrary,
  librarySearchDirs,
  missingSharedLibraries,
  type LibrarySearchOptions,
} from './shared-library.js';
export { SPLITMIX32_STEP, dropoutMaskConstants, dropoutMaskValues } from './kernels/dropout-mask-values.js';
export {
  batchNormGradRows,
  batchNormTrainRows,
  type BatchNormGradRows,
  type BatchNormTrainRows,
} from './kernels/batch-norm-rows.js';
export {
  sparseSoftmaxCrossEntropyRows,
  type SoftmaxCrossEntropyRows,
} from './kernels/sparse-softmax-cross-entropy-rows.js';
export {
  DENSE_GRADIENT_ACTIVATIONS,
  applyDenseActivationGradient,
  sumRows,
  type DenseGradientActivation,
} from './kernels/dense-gradient-rows.js';
export { topIndex, weightedMatchCount, type MatchCountRows } from './kernels/match-count.js';
export { biasActivationGradRows } from './kernels/bias-activation-grad.js';
export { softmaxCrossEntropyRows, type DenseSoftmaxCrossEntropyRows } from './kernels/softmax-cross-entropy-rows.js';
export {
  KERNEL_NAMES,
  hasKernel,
  optimizerKernelServes,
  optimizerUpdateKernel,
  runKernel,
  setOptimizerKernelLimit,
  type KernelName,
} from './kernels/kernel-names.js';
export { writeScaledRows } from './kernels/scaled-rows.js';
export {
  OPTIMIZER_UPDATE_RULES,
  type Arrays as UpdateArrays,
  type Attrs as UpdateAttrs,
  type UpdateRule,
} from './kernels/optimizer-update-rules.js';
export {
  convGeometry,
  poolGeometry,
  type ConvAttrs,
  type ConvGeometry,
  type PoolAttrs,
} from './kernels/conv-geometry.js';
export { col2imAdd, im2col } from './kernels/im2col.js';
export { avgPoolGradNhwc, avgPoolNhwc, maxPoolGradNhwc, maxPoolNhwc } from './kernels/pool2d.js';
export { registerKernelTable, type KernelTable } from './kernels/register-kernel-table.js';
export {
  stepProgramFactory, registerStepProgram,
  type ProgramActivation, type StepProgram, type StepProgramFactory, type StepProgramSpec,
  type ProgramConv2D, type ProgramDense, type ProgramLayer, type ProgramMaxPool2D, type ProgramOptimizerAttrs,
} from './kernels/step-program.js';
