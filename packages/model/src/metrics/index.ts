export { Metric, weightedSums } from './metric.js';
export { Mean, MeanMetricWrapper } from './mean.js';
export * from './accuracy.js';
export * from './regression.js';
export { get, metricRegistry, resolveAccuracy, serialize } from './registry.js';
