import * as tf from '@tensorflow/tfjs-core';

const KEY = Symbol.for('neuralkit.layerNames');

function counters(): Map<string, number> {
  const g = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
  return (g[KEY] ??= new Map());
}

/** `Dense` → `dense`, `InputLayer` → `input_layer`, `Conv2D` → `conv2d` (Keras's `to_snake_case`: no break after digits). */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Keras's default names: `dense`, then `dense_1`, `dense_2`... for the life of the program. */
export function uniqueLayerName(prefix: string): string {
  const map = counters();
  const n = map.get(prefix) ?? 0;
  map.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** A tfjs variable name not taken yet: `dense/kernel`, else `dense/kernel_1`... (tfjs requires unique names). */
export function uniqueVariableName(name: string): string {
  const taken = tf.engine().registeredVariables;
  if (!(name in taken)) return name;
  for (let i = 1; ; i++) {
    const candidate = `${name}_${i}`;
    if (!(candidate in taken)) return candidate;
  }
}
