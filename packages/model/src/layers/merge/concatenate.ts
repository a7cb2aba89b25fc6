import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, type LayerOptions } from '../layer.js';
import type { Shape } from '../shape.js';
import { Merge } from './merge.js';

export interface ConcatenateOptions extends LayerOptions {
  /** The axis joined along; default -1, as Keras. */
  axis?: number;
}

/** Joins the inputs along `axis`; every other axis must match (Keras's `Concatenate`). */
export class Concatenate extends Merge {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(options: ConcatenateOptions = {}) {
    checkOptions('Concatenate', options, [...LAYER_OPTION_KEYS, 'axis']);
    super(options);
    this.axis = options.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw InvalidArgumentError.expected(`\`axis\` of Concatenate layer "${this.name}"`, 'an integer', options.axis);
  }

  protected override mergedShape(shapes: readonly Shape[]): Shape {
    const rank = shapes[0]!.length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis <= 0 || axis >= rank) {
      throw new InvalidArgumentError(`\`axis\` ${this.axis} of Concatenate layer "${this.name}" is out of range for inputs of rank ${rank} (the batch axis cannot be joined).`);
    }
    const out: Shape = [...shapes[0]!];
    for (const shape of shapes.slice(1)) {
      if (shape.length !== rank) throw this.mismatch(shapes);
      shape.forEach((d, i) => {
        if (i === axis) out[i] = out[i] === null || d === null ? null : out[i]! + d;
        else if (out[i] !== null && d !== null && out[i] !== d) throw this.concatMismatch(shapes, axis);
        else if (out[i] === null) out[i] = d;
      });
    }
    return out;
  }

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return tf.concat(inputs, this.axis);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }

  private concatMismatch(shapes: readonly Shape[], axis: number): InvalidArgumentError {
    const error = this.mismatch(shapes);
    error.message = `${error.message.replace(/; expected.*$/, '')}; expected the same sizes on every axis but axis ${axis}.`;
    return error;
  }
}
