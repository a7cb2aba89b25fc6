export {
  formatConformanceReport,
  runBackendConformance,
  type ConformanceOptions,
  type ConformanceReport,
  type ConformanceResult,
} from './conformance.js';
export { conformanceCases, fixedValues, type ConformanceCase } from './conformance-cases.js';
export {
  allClose,
  decimal,
  flat,
  kerasLossCases,
  kerasMetricCases,
  type KerasLossCase,
  type KerasMetricCase,
  type MetricUpdate,
  type Nested,
} from './keras-cases/index.js';
