export * from './activation-function.js';
export { activationRegistry, get, serialize, type ActivationIdentifier } from './registry.js';
