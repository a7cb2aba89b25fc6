import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface NadamOptions extends OptimizerOptions {
  /** In [0, 1). Default 0.9. */
  beta1?: number;
  /** In [0, 1). Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

const f32 = Math.fround;

/**
 * Nadam (Adam with Nesterov momentum) as Keras 3, with its momentum cache
 * `μ_t = β1 (1 - 0.5 · 0.96^t)` and the running product `Πμ` (updated once per step):
 * `m̂ = μ_{t+1} m / (1 - Πμ·μ_{t+1}) + (1 - μ_t) g / (1 - Πμ)`, `v̂ = v / (1 - β2^t)`,
 * `w -= lr m̂ / (sqrt(v̂) + ε)`. Defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7.
 * Slots: `momentum`, `velocity`. The product is derived from `iterations`, so checkpoints
 * hold only the slots.
 */
export class Nadam extends Optimizer {
  static override readonly className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private uProduct = 1;

  constructor(options: NadamOptions = {}) {
    super('Nadam', options, ['beta1', 'beta2', 'epsilon'], { learningRate: 0.001, name: 'nadam' });
    this.beta1 = this.checks.unit('beta_1', options?.beta1, 0.9);
    this.beta2 = this.checks.unit('beta_2', options?.beta2, 0.999);
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
  }

  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'momentum' }, { name: 'velocity' }];
  }

  private mu(step: number): number {
    return f32(f32(this.beta1) * f32(1 - 0.5 * f32(f32(0.96) ** step)));
  }

  protected override beforeUpdates(step: number): void {
    this.uProduct = f32(this.uProduct * this.mu(step));
  }

  protected override afterRestore(): void {
    this.uProduct = 1;
    for (let t = 1; t <= this.iterations; t++) this.uProduct = f32(this.uProduct * this.mu(t));
  }

  /** The step's scalars: `m̂ = m·mScale + g·gScale`, `v̂ = v / vScale`. */
  private scales(step: number): { mScale: number; gScale: number; vScale: number } {
    const uT = this.mu(step);
    const uNext = this.mu(step + 1);
    const productNext = f32(this.uProduct * uNext);
    const b2Power = f32(f32(this.beta2) ** step);
    return {
      mScale: f32(uNext / f32(1 - productNext)),
      gScale: f32(f32(1 - uT) / f32(1 - this.uProduct)),
      vScale: f32(1 - b2Power),
    };
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, [m, vel]: tf.Variable[], { lr, step }: StepContext): void {
    const { mScale, gScale, vScale } = this.scales(step);
    m!.assign(tf.add(m!, tf.mul(tf.sub(g, m!), this.constant(1 - this.beta1))));
    vel!.assign(tf.add(vel!, tf.mul(tf.sub(tf.square(g), vel!), this.constant(1 - this.beta2))));
    const mHat = tf.add(tf.mul(m!, tf.scalar(mScale, 'float32')), tf.mul(g, tf.scalar(gScale, 'float32')));
    const vHat = tf.div(vel!, tf.scalar(vScale, 'float32'));
    v.assign(tf.sub(v, tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(vHat), this.constant(this.epsilon)))));
  }

  /** The same rule as one kernel (the `NeuralkitNadamUpdate` attrs). */
  protected override fusedAttrs({ lrValue, step }: StepContext): FusedAttrs {
    return {
      learningRate: lrValue, oneMinusBeta1: f32(1 - this.beta1), oneMinusBeta2: f32(1 - this.beta2),
      ...this.scales(step), epsilon: f32(this.epsilon),
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
