export { L1, L1L2, L2, Regularizer, get, regularizerRegistry, serialize } from './regularizer.js';
