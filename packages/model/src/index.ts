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
export { Conv2D, type Conv2DOptions } from './layers/conv2d.js';
export { Pooling2D, type Pooling2DOptions } from './layers/pooling2d.js';
export { MaxPooling2D } from './layers/max-pooling2d.js';
export { AveragePooling2D } from './layers/average-pooling2d.js';
export { GlobalPooling2D, type GlobalPooling2DOptions } from './layers/global-pooling2d.js';
export { GlobalAveragePooling2D } from './layers/global-average-pooling2d.js';
export { GlobalMaxPooling2D } from './layers/global-max-pooling2d.js';
export { BatchNormalization, type BatchNormalizationOptions } from './layers/batch-normalization.js';
export { Reshape, type ReshapeOptions } from './layers/reshape.js';
export { SpatialDropout2D, type SpatialDropout2DOptions } from './layers/spatial-dropout2d.js';
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
export { QUANTIZATION_MODES, dtypePolicyName, type QuantizationMode } from './quantize/dtype-policy.js';
export { absMaxQuantize } from './quantize/abs-max-quantize.js';
export { float16ToNumber, numberToFloat16Bits, roundToFloat16 } from './quantize/float16.js';
export type { QuantizableKernel } from './quantize/quantize-layer.js';
export { toOnnx, ONNX_OPSETS, type OnnxExportOptions } from './export/to-onnx.js';
export { registerOnnxLayer, type OnnxLayerConverter, type OnnxValue } from './export/onnx-layers.js';
export { toTfjs, writeTfjs, TFJS_SHARD_BYTES, type TfjsExport } from './export/to-tfjs.js';
export { quantizeTfjsWeight, type TfjsQuantization, type TfjsQuantizationSpec } from './export/tfjs-weight-quantization.js';
export { exportModel, EXPORT_QUANTIZATIONS, type ExportFormat, type ExportOptions, type ExportQuantization, type ExportReport } from './export/export-model.js';
export type { ExportValidation } from './export/exported-accuracy.js';
