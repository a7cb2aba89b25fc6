import { DataFormatError } from './errors.js';

/** Keys that, assigned on a plain object, reach its prototype instead of an own property. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * Refuses parsed JSON (a model config, a manifest) holding `__proto__`, `constructor` or
 * `prototype` as a key at any depth, so copying it into options never reaches a prototype.
 * Walks iteratively: hostile nesting cannot overflow the stack.
 */
export function checkNoPrototypeKeys(value: unknown, source: string, what = 'JSON'): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: what }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      if (PROTOTYPE_KEYS.includes(key)) {
        throw new DataFormatError(source, `${path} holds the key ${JSON.stringify(key)}, which is never a Keras config key: refused.`);
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: Array.isArray(current) ? `${path}[${key}]` : `${path}.${key}` });
    }
  }
}
