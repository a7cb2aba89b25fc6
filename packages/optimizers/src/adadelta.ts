import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay rate in [0, 1]. Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta as Keras 3: `Eg = ρ Eg + (1-ρ) g²; Δ = -sqrt(Ed + ε) g / sqrt(Eg + ε);
 * Ed = ρ Ed + (1-ρ) Δ²; w += lr Δ`. Defaults: learning rate 0.001, ρ 0.95, ε 1e-7.
 * Slots: `accumulated_grad`, `accumulated_delta_var`.
 */
export class Adadelta extends Optimizer {
  static override readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(options: AdadeltaOptions = {}) {
    super('Adadelta', options, ['rho', 'epsilon'], { learningRate: 0.001, name: 'adadelta' });
    this.rho = this.checks.unit('rho', options?.rho, 0.95, true);
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
  }

  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'accumulated_grad' }, { name: 'accumulated_delta_var' }];
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, [eg, ed]: tf.Variable[], { lr }: StepContext): void {
    const rho = this.constant(this.rho);
    const rest = this.constant(1 - this.rho);
    const eps = this.constant(this.epsilon);
    eg!.assign(tf.add(tf.mul(rho, eg!), tf.mul(rest, tf.square(g))));
    const delta = tf.neg(tf.div(tf.mul(tf.sqrt(tf.add(ed!, eps)), g), tf.sqrt(tf.add(eg!, eps))));
    ed!.assign(tf.add(tf.mul(rho, ed!), tf.mul(rest, tf.square(delta))));
    v.assign(tf.add(v, tf.mul(lr, delta)));
  }

  /** The same rule as one kernel (the `NeuralkitAdadeltaUpdate` attrs). */
  protected override fusedAttrs({ lrValue }: StepContext): FusedAttrs {
    const f32 = Math.fround;
    return { learningRate: lrValue, rho: f32(this.rho), oneMinusRho: f32(1 - this.rho), epsilon: f32(this.epsilon) };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
