export { applyMutation, mutatedBytes, mutationArbitrary, type Mutation } from './mutations.js';
export { mutatedJson } from './json-mutations.js';
export { formatCounts, fuzzRuns, fuzzTimeout, isTypedError, runFuzz, type FuzzCounts, type FuzzTarget } from './run-fuzz.js';
export { default as fc } from 'fast-check';
