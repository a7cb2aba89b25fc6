import * as tf from '@tensorflow/tfjs-core';
import { checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, type LayerOptions } from '../layer.js';
import { Merge } from './merge.js';

function fold(inputs: tf.Tensor[], op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): tf.Tensor {
  return inputs.slice(1).reduce((acc, t) => op(acc, t), inputs[0]!);
}

abstract class Elementwise extends Merge {
  constructor(options: LayerOptions = {}) {
    checkOptions((new.target as unknown as { className: string }).className, options, LAYER_OPTION_KEYS);
    super(options);
  }
}

/** Sum of the inputs (Keras's `Add`). */
export class Add extends Elementwise {
  static override readonly className = 'Add';
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return fold(inputs, tf.add);
  }
}

/** `inputs[0] - inputs[1]`, exactly two inputs (Keras's `Subtract`). */
export class Subtract extends Elementwise {
  static override readonly className = 'Subtract';
  protected override readonly maxInputs = 2;
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return tf.sub(inputs[0]!, inputs[1]!);
  }
}

/** Product of the inputs (Keras's `Multiply`). */
export class Multiply extends Elementwise {
  static override readonly className = 'Multiply';
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return fold(inputs, tf.mul);
  }
}

/** Mean of the inputs (Keras's `Average`). */
export class Average extends Elementwise {
  static override readonly className = 'Average';
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return tf.div(fold(inputs, tf.add), inputs.length);
  }
}

/** Elementwise maximum (Keras's `Maximum`). */
export class Maximum extends Elementwise {
  static override readonly className = 'Maximum';
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return fold(inputs, tf.maximum);
  }
}

/** Elementwise minimum (Keras's `Minimum`). */
export class Minimum extends Elementwise {
  static override readonly className = 'Minimum';
  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return fold(inputs, tf.minimum);
  }
}
