import * as tf from '@tensorflow/tfjs-core';

/**
 * An element-wise (or last-axis, for softmax) activation. Keras writes activations into layer
 * configs as their name (`"activation": "relu"`), so `className` is that name and
 * `getConfig()` is empty.
 *
 * ```ts
 * class Cube extends ActivationFunction {
 *   static readonly className = 'cube';
 *   apply(x: tf.Tensor) { return tf.mul(x, tf.mul(x, x)); }
 * }
 * ```
 */
export abstract class ActivationFunction {
  static readonly className: string;
  abstract apply(x: tf.Tensor): tf.Tensor;
  /** Keras's name, as written in a layer's config. */
  get name(): string {
    return (this.constructor as unknown as { className: string }).className;
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

export class Linear extends ActivationFunction {
  static override readonly className = 'linear';
  apply(x: tf.Tensor): tf.Tensor {
    return x;
  }
}

export class Relu extends ActivationFunction {
  static override readonly className = 'relu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.relu(x);
  }
}

export class Relu6 extends ActivationFunction {
  static override readonly className = 'relu6';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.relu6(x);
  }
}

/** Keras 3's default slope is 0.2. */
export class LeakyRelu extends ActivationFunction {
  static override readonly className = 'leaky_relu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, 0.2);
  }
}

export class Elu extends ActivationFunction {
  static override readonly className = 'elu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.elu(x);
  }
}

export class Selu extends ActivationFunction {
  static override readonly className = 'selu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.selu(x);
  }
}

export class Sigmoid extends ActivationFunction {
  static override readonly className = 'sigmoid';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.sigmoid(x);
  }
}

/** Keras 3: `relu6(x + 3) / 6`, i.e. `clip(x / 6 + 0.5, 0, 1)`. */
export class HardSigmoid extends ActivationFunction {
  static override readonly className = 'hard_sigmoid';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.clipByValue(tf.add(tf.div(x, tf.scalar(6)), tf.scalar(0.5)), 0, 1));
  }
}

export class Tanh extends ActivationFunction {
  static override readonly className = 'tanh';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tanh(x);
  }
}

export class Softmax extends ActivationFunction {
  static override readonly className = 'softmax';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.softmax(x, -1);
  }
}

export class LogSoftmax extends ActivationFunction {
  static override readonly className = 'log_softmax';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.logSoftmax(x, -1);
  }
}

export class Softplus extends ActivationFunction {
  static override readonly className = 'softplus';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.softplus(x);
  }
}

export class Softsign extends ActivationFunction {
  static override readonly className = 'softsign';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.div(x, tf.add(tf.abs(x), tf.scalar(1))));
  }
}

/** Keras 3's default is the exact form, `0.5 x (1 + erf(x / sqrt 2))`. */
export class Gelu extends ActivationFunction {
  static override readonly className = 'gelu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(tf.mul(x, tf.scalar(0.5)), tf.add(tf.scalar(1), tf.erf(tf.mul(x, tf.scalar(Math.SQRT1_2))))));
  }
}

/** `x * sigmoid(x)`; Keras 3 names it `silu` and keeps `swish` as an alias. */
export class Silu extends ActivationFunction {
  static override readonly className = 'silu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
  }
}

export class Exponential extends ActivationFunction {
  static override readonly className = 'exponential';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.exp(x);
  }
}
