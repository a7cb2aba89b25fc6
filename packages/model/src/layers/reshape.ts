import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError, checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import { formatShape, type Shape } from './shape.js';

export interface ReshapeOptions extends LayerOptions {
  /** The shape of one sample after the layer; one axis may be -1 (inferred). */
  targetShape: number[];
}

/** Gives each sample `targetShape` (the batch axis stays), as Keras's Reshape: `[784]` → `[28, 28, 1]`. */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(options: ReshapeOptions) {
    checkOptions('Reshape', options, [...LAYER_OPTION_KEYS, 'targetShape']);
    super(options);
    const target = options?.targetShape;
    const valid = Array.isArray(target) && target.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) &&
      target.filter((d) => d === -1).length <= 1;
    if (!valid) {
      throw InvalidArgumentError.expected(`\`targetShape\` of Reshape layer "${this.name}"`, 'positive integers with at most one -1', target);
    }
    this.targetShape = [...target];
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((n, d) => n * d, 1);
    if (rest.some((d) => d === null)) {
      return [inputShape[0] ?? null, ...this.targetShape.map((d) => (d === -1 ? null : d))];
    }
    const size = rest.reduce<number>((n, d) => n * d!, 1);
    const inferred = this.targetShape.includes(-1) ? size / known : known;
    if (!Number.isInteger(inferred) || (!this.targetShape.includes(-1) && known !== size)) {
      throw new ShapeError(
        `Reshape layer "${this.name}" cannot give samples of shape ${formatShape(rest)} (${size} values) the target shape ${formatShape(this.targetShape)}.`,
      );
    }
    return [inputShape[0] ?? null, ...this.targetShape.map((d) => (d === -1 ? inferred : d))];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return tf.reshape(inputs, [inputs.shape[0]!, ...this.targetShape]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), target_shape: [...this.targetShape] };
  }
}
