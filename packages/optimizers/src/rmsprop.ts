import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Discount of the squared-gradient average, in [0, 1]. Default 0.9. */
  rho?: number;
  /** Plain momentum in [0, 1]. Default 0 (no `momentum` slot). */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalize by the estimated variance. Default false. */
  centered?: boolean;
}

/**
 * RMSprop as Keras 3: `v = ρ v + (1-ρ) g²`; centered: `a = ρ a + (1-ρ) g`, denominator
 * `v - a² + ε`, else `v + ε`; `inc = lr g / sqrt(denominator)`; with momentum
 * `m = momentum m + inc; w -= m`, else `w -= inc`. Defaults: learning rate 0.001, ρ 0.9, ε 1e-7.
 * Slots: `velocity`, then `momentum` (momentum > 0), then `average_gradient` (centered).
 */
export class RMSprop extends Optimizer {
  static override readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    super('RMSprop', options, ['rho', 'momentum', 'epsilon', 'centered'], { learningRate: 0.001, name: 'rmsprop' });
    this.rho = this.checks.unit('rho', options?.rho, 0.9, true);
    this.momentum = this.checks.unit('momentum', options?.momentum, 0, true);
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
    this.centered = this.checks.boolean('centered', options?.centered, false);
  }

  protected slotSpecs(): SlotSpec[] {
    const specs: SlotSpec[] = [{ name: 'velocity' }];
    if (this.momentum > 0) specs.push({ name: 'momentum' });
    if (this.centered) specs.push({ name: 'average_gradient' });
    return specs;
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, slots: tf.Variable[], { lr }: StepContext): void {
    const [velocity, ...rest] = slots;
    const mom = this.momentum > 0 ? rest.shift() : undefined;
    const avg = this.centered ? rest.shift() : undefined;
    const rho = this.constant(this.rho);
    const oneMinusRho = this.constant(1 - this.rho);
    const eps = this.constant(this.epsilon);
    velocity!.assign(tf.add(tf.mul(rho, velocity!), tf.mul(oneMinusRho, tf.square(g))));
    let denominator: tf.Tensor;
    if (avg) {
      avg.assign(tf.add(tf.mul(rho, avg), tf.mul(oneMinusRho, g)));
      denominator = tf.add(tf.sub(velocity!, tf.square(avg)), eps);
    } else {
      denominator = tf.add(velocity!, eps);
    }
    const increment = tf.div(tf.mul(lr, g), tf.sqrt(denominator));
    if (mom) {
      mom.assign(tf.add(tf.mul(this.constant(this.momentum), mom), increment));
      v.assign(tf.sub(v, mom));
    } else {
      v.assign(tf.sub(v, increment));
    }
  }

  /** The same rule as one kernel (the `NeuralkitRMSpropUpdate` attrs). */
  protected override fusedAttrs({ lrValue }: StepContext): FusedAttrs {
    const f32 = Math.fround;
    return {
      learningRate: lrValue, rho: f32(this.rho), oneMinusRho: f32(1 - this.rho),
      momentum: f32(this.momentum), epsilon: f32(this.epsilon),
    };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered,
    };
  }
}
