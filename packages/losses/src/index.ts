export { Loss, type LossOptions, type LossSpec, type LossValues } from './loss.js';
export {
  REDUCTIONS,
  reduceValues,
  reduceWeightedValues,
  standardizeReduction,
  type ReduceOptions,
  type Reduction,
  type SampleWeight,
} from './reduction.js';
export { EPSILON, type TensorInput } from './tensors.js';
export { samplewiseValues, squeezeOrExpandToSameRank, weightedSumAndCount, type SamplewiseValues } from './alignment.js';
export { LossFunctionWrapper, type LossFunction, type LossFunctionWrapperOptions } from './loss-function-wrapper.js';
export type { CrossentropyFnOptions } from './crossentropy-options.js';
export { MeanSquaredError, meanSquaredError } from './mean-squared-error.js';
export { MeanAbsoluteError, meanAbsoluteError } from './mean-absolute-error.js';
export { MeanAbsolutePercentageError, meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
export { MeanSquaredLogarithmicError, meanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
export { Huber, huber, type HuberOptions } from './huber.js';
export { LogCosh, logCosh } from './log-cosh.js';
export { Poisson, poisson } from './poisson.js';
export { KLDivergence, klDivergence } from './kl-divergence.js';
export { CosineSimilarity, cosineSimilarity, type CosineSimilarityOptions } from './cosine-similarity.js';
export { Hinge, hinge, toHingeLabels } from './hinge.js';
export { SquaredHinge, squaredHinge } from './squared-hinge.js';
export { CategoricalHinge, categoricalHinge } from './categorical-hinge.js';
export { BinaryCrossentropy, binaryCrossentropy, type BinaryCrossentropyOptions } from './binary-crossentropy.js';
export {
  CategoricalCrossentropy,
  categoricalCrossentropy,
  type CategoricalCrossentropyOptions,
} from './categorical-crossentropy.js';
export {
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyFnOptions,
  type SparseCategoricalCrossentropyOptions,
} from './sparse-categorical-crossentropy.js';
export { get, lossRegistry, serialize, type LossIdentifier } from './registry.js';
