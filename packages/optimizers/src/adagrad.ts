import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type StepContext } from './optimizer.js';
import type { OptimizerOptions } from './options.js';
import type { SlotSpec } from './optimizer-state.js';
import type { FusedAttrs } from './fused/fused-updater.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulators, >= 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad as Keras 3: `acc += g²; w -= lr * g / sqrt(acc + ε)`.
 * Defaults: learning rate 0.001, accumulator 0.1, ε 1e-7. Slot: `accumulator`.
 */
export class Adagrad extends Optimizer {
  static override readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super('Adagrad', options, ['initialAccumulatorValue', 'epsilon'], { learningRate: 0.001, name: 'adagrad' });
    this.initialAccumulatorValue = this.checks.number(
      'initial_accumulator_value', options?.initialAccumulatorValue, 0.1, 0,
    );
    this.epsilon = this.checks.number('epsilon', options?.epsilon, 1e-7, 0);
  }

  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'accumulator', initialValue: this.initialAccumulatorValue }];
  }

  protected updateStep(g: tf.Tensor, v: tf.Variable, [acc]: tf.Variable[], { lr }: StepContext): void {
    acc!.assign(tf.add(acc!, tf.square(g)));
    const denom = tf.sqrt(tf.add(acc!, this.constant(this.epsilon)));
    v.assign(tf.sub(v, tf.div(tf.mul(lr, g), denom)));
  }

  /** The same rule as one kernel (the `NeuralkitAdagradUpdate` attrs). */
  protected override fusedAttrs({ lrValue }: StepContext): FusedAttrs {
    return { learningRate: lrValue, epsilon: Math.fround(this.epsilon) };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
