import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface SGDOptions extends OptimizerOptions {
  /** In [0, 1]; 0 (default) is plain gradient descent and creates no slot. */
  momentum?: number;
  nesterov?: boolean;
}

/**
 * Gradient descent, with momentum as Keras writes it:
 * `m = momentum * m - lr * g; w += m` (Nesterov: `w += momentum * m - lr * g`).
 * Defaults: learning rate 0.01, momentum 0. Slot: `momentum` (only when momentum > 0).
 */
export class SGD extends Optimizer {
  static override readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super('SGD', options, ['momentum', 'nesterov'], { learningRate: 0.01, name: 'SGD' });
    this.momentum = this.checks.unit('momentum', options?.momentum, 0, true);
    this.nesterov = this.checks.boolean('nesterov', options?.nesterov, false);
  }

  protected slotSpecs(): SlotSpec[] {
    return this.momentum !== 0 ? [{ name: 'momentum' }] : [];
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, slots: tf.Variable[], { lr }: StepContext): void {
    const m = slots[0];
    if (!m) {
      v.assign(tf.sub(v, tf.mul(g, lr)));
      return;
    }
    const momentum = this.constant(this.momentum);
    const scaled = tf.mul(g, lr);
    m.assign(tf.sub(tf.mul(m, momentum), scaled));
    v.assign(tf.add(v, this.nesterov ? tf.sub(tf.mul(m, momentum), scaled) : m));
  }

  /** The same rule as one kernel (the `NeuralkitSGDUpdate` attrs). */
  protected override fusedAttrs({ lrValue }: StepContext): FusedAttrs {
    return { learningRate: lrValue, momentum: Math.fround(this.momentum), nesterov: this.nesterov };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
