import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { Layer } from '../layer.js';
import { formatShape, type Shape } from '../shape.js';

/**
 * Base of the layers that combine a list of tensors into one (Keras's `Merge`). A subclass sets
 * `className` and combines the inputs in `merge`; the shapes are checked here.
 *
 * ```ts
 * class Add extends Merge {
 *   static override readonly className = 'Add';
 *   protected merge(inputs: tf.Tensor[]) { return tf.addN(inputs); }
 * }
 * ```
 */
export abstract class Merge extends Layer {
  /** How many inputs the layer takes, at least and at most. */
  protected readonly minInputs: number = 2;
  protected readonly maxInputs: number = Number.POSITIVE_INFINITY;

  protected abstract merge(inputs: tf.Tensor[]): tf.Tensor;

  call(): tf.Tensor {
    throw new InvalidArgumentError(`Layer "${this.name}" (${this.className}) must be called on a list of tensors.`);
  }

  override buildForInputs(shapes: Shape[]): Shape {
    this.checkCount(shapes.length);
    const out = this.mergedShape(shapes);
    if (!this.built) {
      this.inputShape = [...shapes[0]!];
      this.outputShape = out;
      this.built = true;
    }
    return out;
  }

  override applyInputs(inputs: tf.Tensor[]): tf.Tensor {
    this.checkCount(inputs.length);
    this.mergedShape(inputs.map((t) => t.shape));
    return this.merge(inputs);
  }

  /**
   * Elementwise merges: every input has the same shape, where a size of 1 or an unknown size
   * broadcasts (Keras's `_compute_elemwise_op_output_shape`).
   */
  protected mergedShape(shapes: readonly Shape[]): Shape {
    const rank = shapes[0]!.length;
    const out: Shape = [...shapes[0]!];
    for (const shape of shapes.slice(1)) {
      if (shape.length !== rank) throw this.mismatch(shapes);
      shape.forEach((d, i) => {
        const o = out[i]!;
        if (o === null || o === 1) out[i] = o === null && d === 1 ? null : d;
        else if (d !== null && d !== 1 && d !== o) throw this.mismatch(shapes);
      });
    }
    return out;
  }

  protected mismatch(shapes: readonly Shape[]): ShapeError {
    return new ShapeError(
      `Inputs to layer "${this.name}" (${this.className}) have incompatible shapes: ${shapes.map(formatShape).join(', ')}; ` +
        'expected the same shape (sizes of 1 broadcast).',
    );
  }

  private checkCount(n: number): void {
    if (n < this.minInputs || n > this.maxInputs) {
      const expected = this.maxInputs === this.minInputs ? `exactly ${this.minInputs}` : `at least ${this.minInputs}`;
      throw new InvalidArgumentError(`Layer "${this.name}" (${this.className}) takes ${expected} inputs, received ${n}.`);
    }
  }
}
