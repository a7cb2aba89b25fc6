import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface AdamaxOptions extends OptimizerOptions {
  /** In [0, 1). Default 0.9. */
  beta1?: number;
  /** In [0, 1). Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax (Adam with the infinity norm) as Keras 3: `m += (g - m)(1 - β1);
 * u = max(β2 u, |g|); w -= lr m / ((1 - β1^t)(u + ε))`.
 * Defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7. Slots: `momentum`, `norm`.
 */
export class Adamax extends Optimizer {
  static override readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(options: AdamaxOptions = {}) {
    super('Adamax', options, ['beta1', 'beta2', 'epsilon'], { learningRate: 0.001, name: 'adamax' });
    this.beta1 = this.checks.unit('beta_1', options?.beta1, 0.9);
    this.beta2 = this.checks.unit('beta_2', options?.beta2, 0.999);
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
  }

  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'momentum' }, { name: 'norm' }];
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, [m, u]: tf.Variable[], { lr, step }: StepContext): void {
    m!.assign(tf.add(m!, tf.mul(tf.sub(g, m!), this.constant(1 - this.beta1))));
    u!.assign(tf.maximum(tf.mul(this.constant(this.beta2), u!), tf.abs(g)));
    const correction = tf.scalar(this.correction(step), 'float32');
    const denom = tf.mul(correction, tf.add(u!, this.constant(this.epsilon)));
    v.assign(tf.sub(v, tf.div(tf.mul(lr, m!), denom)));
  }

  /** `1 - β1^t` (float32). */
  private correction(step: number): number {
    return Math.fround(1 - Math.fround(Math.fround(this.beta1) ** step));
  }

  /** The same rule as one kernel (the `NeuralkitAdamaxUpdate` attrs). */
  protected override fusedAttrs({ lrValue, step }: StepContext): FusedAttrs {
    const f32 = Math.fround;
    return {
      learningRate: lrValue, oneMinusBeta1: f32(1 - this.beta1), beta2: f32(this.beta2),
      correction: this.correction(step), epsilon: f32(this.epsilon),
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
