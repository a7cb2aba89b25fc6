export { Metric, weightedSums } from './metric.js';
export { Mean, MeanMetricWrapper } from './mean.js';
export * from './accuracy.js';
export * from './regression.js';
export * from './probabilistic.js';
export * from './hinge.js';
export { Precision, Recall, type ConfusionMetricOptions } from './precision-recall.js';
export { AUC, type AUCOptions } from './auc.js';
export { F1Score, FBetaScore, type FBetaScoreOptions } from './f-score.js';
export { R2Score, type R2ScoreOptions } from './r2-score.js';
export { MeanIoU, type MeanIoUOptions } from './mean-iou.js';
export {
  PrecisionAtRecall,
  RecallAtPrecision,
  SensitivityAtSpecificity,
  SpecificityAtSensitivity,
} from './sensitivity-specificity.js';
export { get, metricRegistry, serialize } from './registry.js';
export { isShorthand, resolveAccuracy, resolveCrossentropy, resolveShorthand } from './shorthand.js';
export { confusionMatrix } from './confusion-matrix.js';
