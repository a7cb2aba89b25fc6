/** The model the formats save and load: the package's `Sequential` (a type-only import, so no load-time cycle). */
export type { Sequential } from '../sequential.js';
