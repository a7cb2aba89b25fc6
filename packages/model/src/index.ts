export { Sequential } from './sequential.js';
export { sequential } from './sequential-factory.js';
export type { ConfigStyle } from './sequential-config.js';
export { layers } from './layers/index.js';
export { Layer, type LayerOptions, type LayerWeight } from './layers/layer.js';
export { Dense, type DenseOptions } from './layers/dense.js';
export { Flatten, type FlattenOptions } from './layers/flatten.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { Activation, type ActivationOptions } from './layers/activation.js';
export { InputLayer, type InputLayerOptions } from './layers/input-layer.js';
export { Merge } from './layers/merge/merge.js';
export { Add, Average, Maximum, Minimum, Multiply, Subtract } from './layers/merge/elementwise.js';
export { Concatenate, type ConcatenateOptions } from './layers/merge/concatenate.js';
export { Functional, type FunctionalOptions } from './graph/functional.js';
export { model } from './graph/model-factory.js';
export { input } from './graph/input.js';
export { SymbolicTensor } from './graph/symbolic-tensor.js';
export type { FunctionalCompileOptions } from './graph/output-compile.js';
export { deserializeLayer, layerRegistry } from './layers/registry.js';
export { formatShape, type Shape } from './layers/shape.js';
export * as activations from './activations/index.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers/index.js';
export * as metrics from './metrics/index.js';
export { summaryText } from './summary.js';
export { Callback, type CallbackHooks, type CallbackModel, type CallbackParams, type Logs } from './callbacks/callback.js';
export { CallbackList } from './callbacks/callback-list.js';
export { History } from './callbacks/history.js';
export { ProgressBar, type ProgressBarOptions, type ProgressStream } from './callbacks/progress-bar.js';
export { EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
export { LearningRateScheduler, type LearningRateSchedule } from './callbacks/learning-rate-scheduler.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './callbacks/reduce-lr-on-plateau.js';
export { CSVLogger, type CSVLoggerOptions } from './callbacks/csv-logger.js';
export { TerminateOnNaN } from './callbacks/terminate-on-nan.js';
export { CompiledState, type CompileOptions, type MetricIdentifier } from './training/compile.js';
export type { FitOptions, ValidationData } from './training/fit.js';
export type { EvaluateOptions } from './training/evaluate.js';
export type { PredictOptions } from './training/predict.js';
export type { ArrayDatasetLike } from './training/data-adapter.js';
export { sparseSoftmaxCrossEntropy } from './training/softmax-cross-entropy.js';
export {
  findLoadFormat,
  findSaveFormat,
  loadModel,
  loadWeights,
  registerModelFormat,
  registeredModelFormats,
  saveModel,
  saveWeights,
  type LoadOptions,
  type ModelFormat,
  type SaveOptions,
  type SaveResult,
} from './io/model-format.js';
export { atomicWrite, atomicWriteFiles, type FileToWrite } from './io/atomic-write.js';
