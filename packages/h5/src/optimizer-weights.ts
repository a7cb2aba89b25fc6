import type { StoredOptimizerWeight } from './keras-file.js';

/** Saved optimizer state put in our order: the iteration count, then each variable's slots. */
export interface AlignedOptimizerState {
  iterations: number;
  /** Variable-major: for each variable in build order, its slots in the optimizer's slot order. */
  slots: Array<{ shape: number[]; data: Float32Array }>;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function lastPart(name: string): string {
  return name.split('/').at(-1) ?? name;
}

/**
 * Generations that list all first slots, then all second slots (slot-major): tf.keras
 * OptimizerV2 (`Adam/iter:0`, `Adam/dense/kernel/m:0`, ...) and standalone Keras 2.0
 * (`iterations:0`, `Variable:0`, ...). Newer ones (`iteration:0`, `adam/iteration`, `.keras`)
 * list each variable's slots together.
 */
function isSlotMajor(iterationName: string): boolean {
  const last = lastPart(iterationName);
  return last === 'iter:0' || last === 'iterations:0';
}

/**
 * Puts saved optimizer weights, from any Keras generation, in the order our optimizers restore
 * them. Returns a reason instead when they cannot belong to an optimizer with these variables and
 * this many slots each (Keras then warns and starts a fresh optimizer).
 */
export function alignOptimizerWeights(
  weights: readonly StoredOptimizerWeight[],
  variableShapes: readonly number[][],
  slotsPerVariable: number,
): AlignedOptimizerState | { problem: string } {
  const [first, ...rest] = weights;
  if (!first || first.data.length !== 1 || first.shape.length !== 0) {
    return { problem: `expected the iteration count (a scalar) first, received ${first ? first.name : 'no weights'}` };
  }
  const expected = variableShapes.length * slotsPerVariable;
  let slots = rest;
  // Keras 3 also saves the learning rate as a variable (`adam/learning_rate`, `.keras` vars/1).
  const second = rest[0];
  if (second && second.shape.length === 0 && (lastPart(second.name) === 'learning_rate' || rest.length === expected + 1)) {
    slots = rest.slice(1);
  }
  if (slots.length !== expected) {
    return {
      problem: `expected ${expected} slot variables (${variableShapes.length} variables × ${slotsPerVariable}), received ${slots.length}`,
    };
  }
  const order: number[] = [];
  const slotMajor = isSlotMajor(first.name);
  for (let v = 0; v < variableShapes.length; v += 1) {
    for (let s = 0; s < slotsPerVariable; s += 1) order.push(slotMajor ? s * variableShapes.length + v : v * slotsPerVariable + s);
  }
  const aligned = order.map((i) => slots[i] as StoredOptimizerWeight);
  for (const [k, weight] of aligned.entries()) {
    const want = variableShapes[Math.floor(k / slotsPerVariable)] as number[];
    if (!sameShape(weight.shape, want)) {
      return { problem: `${weight.name} has shape [${weight.shape.join(', ')}], expected [${want.join(', ')}]` };
    }
  }
  return {
    iterations: Number(first.data[0]),
    slots: aligned.map((w) => ({ shape: w.shape, data: Float32Array.from(w.data) })),
  };
}

/** The slot names tf.keras 2.11+ optimizers use (`Adam/m/dense/kernel:0`), by Keras 3 slot name. */
const TF_KERAS_SLOT_NAMES: Record<string, Record<string, string>> = {
  Adam: { momentum: 'm', velocity: 'v', velocity_hat: 'vhat' },
  Nadam: { momentum: 'm', velocity: 'v' },
  Adamax: { momentum: 'm', norm: 'u' },
  SGD: { momentum: 'm' },
};

/**
 * Names for our optimizer weights as tf.keras 2.11-2.15 writes them: `iteration:0`, then
 * `<Optimizer>/<slot>/<layer>/<weight>:0` per variable and slot.
 */
export function tfKerasOptimizerNames(
  optimizerClass: string,
  variablePaths: readonly string[],
  slotNames: readonly string[],
): string[] {
  const rename = TF_KERAS_SLOT_NAMES[optimizerClass] ?? {};
  const names = ['iteration:0'];
  for (const path of variablePaths) {
    for (const slot of slotNames) names.push(`${optimizerClass}/${rename[slot] ?? slot}/${path}:0`);
  }
  return names;
}
