export { Metric, weightedSums } from './metric.js';
export { Mean, MeanMetricWrapper } from './mean.js';
export * from './accuracy.js';
export * from './regression.js';
export * from './probabilistic.js';
export * from './hinge.js';
export { Precision, Recall, type ConfusionMetricOptions } from './precision-recall.js';
export { get, metricRegistry, serialize } from './registry.js';
export { isShorthand, resolveAccuracy, resolveCrossentropy, resolveShorthand } from './shorthand.js';
