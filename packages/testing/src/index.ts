export {
  formatConformanceReport,
  runBackendConformance,
  type ConformanceOptions,
  type ConformanceReport,
  type ConformanceResult,
} from './conformance.js';
export { conformanceCases, fixedValues, type ConformanceCase } from './conformance-cases.js';
