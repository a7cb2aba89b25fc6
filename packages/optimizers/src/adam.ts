import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface AdamOptions extends OptimizerOptions {
  /** In [0, 1). Default 0.9. */
  beta1?: number;
  /** In [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to sqrt(v) ("epsilon hat"). Default 1e-7. */
  epsilon?: number;
  /** Keep the maximum of the second moments. Default false. */
  amsgrad?: boolean;
}

const f32 = Math.fround;

/**
 * Adam as Keras 3: `m += (g - m)(1 - β1); v += (g² - v)(1 - β2)`;
 * `w -= m · α / (sqrt(v) + ε)` with the bias correction folded into the rate,
 * `α = lr · sqrt(1 - β2^t) / (1 - β1^t)` (computed in float32 like Keras).
 * Defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7.
 * Slots: `momentum`, `velocity`, then `velocity_hat` (amsgrad).
 */
export class Adam extends Optimizer {
  static override readonly className = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}) {
    super('Adam', options, ['beta1', 'beta2', 'epsilon', 'amsgrad'], { learningRate: 0.001, name: 'adam' });
    this.beta1 = this.checks.unit('beta_1', options?.beta1, 0.9);
    this.beta2 = this.checks.unit('beta_2', options?.beta2, 0.999);
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
    this.amsgrad = this.checks.boolean('amsgrad', options?.amsgrad, false);
  }

  protected slotSpecs(): SlotSpec[] {
    const specs: SlotSpec[] = [{ name: 'momentum' }, { name: 'velocity' }];
    if (this.amsgrad) specs.push({ name: 'velocity_hat' });
    return specs;
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, [m, vel, vHat]: tf.Variable[], ctx: StepContext): void {
    m!.assign(tf.add(m!, tf.mul(tf.sub(g, m!), this.constant(1 - this.beta1))));
    vel!.assign(tf.add(vel!, tf.mul(tf.sub(tf.square(g), vel!), this.constant(1 - this.beta2))));
    let second: tf.Tensor = vel!;
    if (vHat) {
      vHat.assign(tf.maximum(vHat, vel!));
      second = vHat;
    }
    const alpha = tf.scalar(this.alpha(ctx), 'float32');
    v.assign(tf.sub(v, tf.div(tf.mul(m!, alpha), tf.add(tf.sqrt(second), this.constant(this.epsilon)))));
  }

  /** The same rule as one kernel (the `NeuralkitAdamUpdate` attrs). */
  protected override fusedAttrs(ctx: StepContext): FusedAttrs {
    return {
      oneMinusBeta1: f32(1 - this.beta1), oneMinusBeta2: f32(1 - this.beta2),
      alpha: this.alpha(ctx), epsilon: f32(this.epsilon),
    };
  }

  /** `lr · sqrt(1 - β2^t) / (1 - β1^t)`, each operation rounded to float32 as Keras's tensors are. */
  private alpha({ lrValue, step }: StepContext): number {
    const b1Power = f32(f32(this.beta1) ** step);
    const b2Power = f32(f32(this.beta2) ** step);
    return f32(f32(lrValue * f32(Math.sqrt(f32(1 - b2Power)))) / f32(1 - b1Power));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad,
    };
  }
}
