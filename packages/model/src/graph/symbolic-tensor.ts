import type { Shape } from '../layers/shape.js';
import type { GraphNode } from './graph-node.js';

/**
 * A placeholder for a tensor in a model being defined (Keras's `KerasTensor`): its shape and the
 * node that produces it. Layers applied to symbolic tensors record nodes instead of computing.
 */
export class SymbolicTensor {
  readonly isSymbolic = true;
  constructor(
    readonly shape: Shape,
    /** The node whose layer produces this tensor. */
    readonly node: GraphNode,
    readonly tensorIndex = 0,
  ) {}

  /** Keras's `keras_history`: `[layer name, node index, tensor index]`. */
  get history(): [string, number, number] {
    return [this.node.layer.name, this.node.index, this.tensorIndex];
  }

  get name(): string {
    return this.node.layer.name;
  }
}

export function isSymbolic(value: unknown): value is SymbolicTensor {
  return value !== null && typeof value === 'object' && (value as SymbolicTensor).isSymbolic === true;
}

/** A symbolic tensor, or a non-empty list of them. */
export function isSymbolicInput(value: unknown): value is SymbolicTensor | SymbolicTensor[] {
  return isSymbolic(value) || (Array.isArray(value) && value.length > 0 && value.every(isSymbolic));
}
